import { CorruptInventoryState, InsufficientStock, NotReserved, StockLimitExceeded } from './inventory.errors';
import { assertQuantity } from './quantity';
import { Sku } from './sku';

/** How much of one SKU the warehouse has, as GET /stock/{sku} shows it. */
export interface StockLevel {
  sku: Sku;
  /** On the shelf, reserved or not. */
  onHand: number;
  /** Promised to orders that have not left yet. */
  reserved: number;
  /** What a new order can still get: onHand − reserved, never negative. */
  available: number;
}

/**
 * One SKU on the shelf. Its invariant is the reason inventory exists: 0 ≤ reserved ≤ onHand, so
 * `available` is never negative and nothing is ever promised twice (never oversold). Every method that
 * changes the counts checks the invariant before it changes anything, and the same rule is a CHECK
 * constraint on `stock_items`, so a bug here fails a transaction rather than overselling.
 *
 * Reserving is not done here directly by a use case: a `Reservation` reserves all the lines of an order
 * on their stock items, or none of them.
 */
export class StockItem {
  /** The largest count a `stock_items` column (PostgreSQL `integer`) holds. */
  static readonly MAX_ON_HAND = 2_147_483_647;

  private constructor(
    readonly sku: Sku,
    private onHandCount: number,
    private reservedCount: number,
  ) {}

  /** A SKU the warehouse starts to carry: listed, with nothing on the shelf yet. */
  static list(sku: Sku): StockItem {
    return new StockItem(sku, 0, 0);
  }

  /** Rebuilds an item from storage, refusing a state that breaks the invariant. */
  static restore(state: { sku: string; onHand: number; reserved: number }): StockItem {
    const { sku, onHand, reserved } = state;
    const whole = Number.isSafeInteger(onHand) && Number.isSafeInteger(reserved);
    if (!whole || reserved < 0 || reserved > onHand || onHand > StockItem.MAX_ON_HAND) {
      throw new CorruptInventoryState(`stock item ${sku}: onHand ${onHand}, reserved ${reserved}`);
    }
    return new StockItem(Sku.parse(sku), onHand, reserved);
  }

  get onHand(): number {
    return this.onHandCount;
  }

  get reserved(): number {
    return this.reservedCount;
  }

  get available(): number {
    return this.onHandCount - this.reservedCount;
  }

  /** Goods arrived at the depot: more on the shelf, nothing promised yet. */
  receive(quantity: number): void {
    assertQuantity(quantity);
    if (this.onHandCount + quantity > StockItem.MAX_ON_HAND) {
      throw new StockLimitExceeded(this.sku, this.onHandCount, quantity, StockItem.MAX_ON_HAND);
    }
    this.onHandCount += quantity;
  }

  /** Promises `quantity` to an order. Refused when it is more than is available: never oversold. */
  reserve(quantity: number): void {
    assertQuantity(quantity);
    if (quantity > this.available) throw new InsufficientStock(this.sku, quantity, this.available);
    this.reservedCount += quantity;
  }

  /** An order gives back what it was promised (cancelled, rejected): available again. */
  release(quantity: number): void {
    this.assertReserved(quantity);
    this.reservedCount -= quantity;
  }

  /** Promised goods leave the depot with a shipment: off the shelf and out of the reservation. */
  commit(quantity: number): void {
    this.assertReserved(quantity);
    this.reservedCount -= quantity;
    this.onHandCount -= quantity;
  }

  level(): StockLevel {
    return { sku: this.sku, onHand: this.onHand, reserved: this.reserved, available: this.available };
  }

  private assertReserved(quantity: number): void {
    assertQuantity(quantity);
    if (quantity > this.reservedCount) throw new NotReserved(this.sku, quantity, this.reservedCount);
  }
}

import { AggregateRoot } from './aggregate-root';
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
 * An item's counts changed: the level after the change, and the version the change raised it to. It is
 * the whole state, not a delta, so a reader that has seen a higher version can ignore this one.
 */
export interface StockItemChanged {
  readonly type: 'StockItemChanged';
  readonly sku: Sku;
  readonly onHand: number;
  readonly reserved: number;
  readonly version: number;
}

/**
 * One SKU on the shelf. Its invariant is the reason inventory exists: 0 ≤ reserved ≤ onHand, so
 * `available` is never negative and nothing is ever promised twice (never oversold). Every method that
 * changes the counts checks the invariant before it changes anything, and the same rule is a CHECK
 * constraint on `stock_items`, so a bug here fails a transaction rather than overselling.
 *
 * Reserving is not done here directly by a use case: a `Reservation` reserves all the lines of an order
 * on their stock items, or none of them.
 *
 * Every change raises the item's `version` by one and records the level after it (StockItemChanged).
 * The version orders an item's levels: the stock view (docs/patterns/cqrs.md) keeps the level with the
 * highest version it has seen, so a level that arrives twice, or after a newer one, changes nothing.
 * A refused change changes nothing, the version included.
 */
export class StockItem extends AggregateRoot<StockItemChanged> {
  /** The largest count a `stock_items` column (PostgreSQL `integer`) holds. */
  static readonly MAX_ON_HAND = 2_147_483_647;

  private constructor(
    readonly sku: Sku,
    private onHandCount: number,
    private reservedCount: number,
    private versionCount: number,
  ) {
    super();
  }

  /** A SKU the warehouse starts to carry: listed, with nothing on the shelf yet. Being listed is its first change (version 1). */
  static list(sku: Sku): StockItem {
    const item = new StockItem(sku, 0, 0, 0);
    item.changed();
    return item;
  }

  /** Rebuilds an item from storage, refusing a state that breaks the invariant. */
  static restore(state: { sku: string; onHand: number; reserved: number; version: number }): StockItem {
    const { sku, onHand, reserved, version } = state;
    const whole = Number.isSafeInteger(onHand) && Number.isSafeInteger(reserved) && Number.isSafeInteger(version);
    if (!whole || reserved < 0 || reserved > onHand || onHand > StockItem.MAX_ON_HAND || version < 1) {
      throw new CorruptInventoryState(`stock item ${sku}: onHand ${onHand}, reserved ${reserved}, version ${version}`);
    }
    return new StockItem(Sku.parse(sku), onHand, reserved, version);
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

  /** How many changes the item has seen, its listing included. */
  get version(): number {
    return this.versionCount;
  }

  /** Goods arrived at the depot: more on the shelf, nothing promised yet. */
  receive(quantity: number): void {
    assertQuantity(quantity);
    if (this.onHandCount + quantity > StockItem.MAX_ON_HAND) {
      throw new StockLimitExceeded(this.sku, this.onHandCount, quantity, StockItem.MAX_ON_HAND);
    }
    this.onHandCount += quantity;
    this.changed();
  }

  /** Promises `quantity` to an order. Refused when it is more than is available: never oversold. */
  reserve(quantity: number): void {
    assertQuantity(quantity);
    if (quantity > this.available) throw new InsufficientStock(this.sku, quantity, this.available);
    this.reservedCount += quantity;
    this.changed();
  }

  /** An order gives back what it was promised (cancelled, rejected): available again. */
  release(quantity: number): void {
    this.assertReserved(quantity);
    this.reservedCount -= quantity;
    this.changed();
  }

  /** Promised goods leave the depot with a shipment: off the shelf and out of the reservation. */
  commit(quantity: number): void {
    this.assertReserved(quantity);
    this.reservedCount -= quantity;
    this.onHandCount -= quantity;
    this.changed();
  }

  level(): StockLevel {
    return { sku: this.sku, onHand: this.onHand, reserved: this.reserved, available: this.available };
  }

  /** Called after the counts changed, never before a check that could still refuse. */
  private changed(): void {
    this.versionCount += 1;
    this.record({ type: 'StockItemChanged', sku: this.sku, onHand: this.onHandCount, reserved: this.reservedCount, version: this.versionCount });
  }

  private assertReserved(quantity: number): void {
    assertQuantity(quantity);
    if (quantity > this.reservedCount) throw new NotReserved(this.sku, quantity, this.reservedCount);
  }
}

import { AggregateRoot } from './aggregate-root';
import { CorruptInventoryState, ReservationAlreadyReleased, ReservationNotCommittable } from './inventory.errors';
import { mergeLines, type ReservationLine, type Shortfall } from './reservation-line';
import type { ReservationAnswer, ReservationEvent } from './reservation.events';
import type { StockItem } from './stock-item';

/**
 * - `RESERVED`: every line is held on its stock item (counted in its `reserved`).
 * - `RELEASED`: given back; holds nothing. Also how a release that came before any reservation is remembered.
 * - `COMMITTED`: left the depot with the shipment; on hand went down. Holds nothing.
 * - `REFUSED`: could not be filled, so nothing was held; remembers the shortfall it was answered with.
 *
 * RESERVED → RELEASED | COMMITTED; RELEASED, COMMITTED and REFUSED are final.
 */
export type ReservationStatus = 'RESERVED' | 'RELEASED' | 'COMMITTED' | 'REFUSED';

export interface ReservationState {
  orderId: string;
  status: ReservationStatus;
  /** The lines held (RESERVED) or once held (RELEASED, COMMITTED); none for REFUSED. */
  lines: readonly ReservationLine[];
  /** REFUSED only: the lines that could not be filled, as the order was told. */
  shortfall: readonly Shortfall[];
}

/**
 * The stock held for one order: all of its lines or none of them. One per order, for ever, so that
 * whatever arrives again about the order (a redelivered command, a replayed dead letter) finds what was
 * decided and changes nothing.
 *
 * The intent methods change the reservation together with the `StockItem`s of its lines. The caller
 * passes those items in, held against concurrent change (the repository locks them in SKU order) and
 * saves them in the same transaction: one order's lines are one all-or-nothing change across several
 * stock items, which is why they are not separate transactions (docs/domain/inventory.md).
 */
export class Reservation extends AggregateRoot<ReservationEvent> {
  private constructor(private state: ReservationState) {
    super();
  }

  /**
   * An order asks for its lines. All are reserved if every one is available, else none is and the
   * reservation is REFUSED with what was short. A SKU the warehouse does not carry counts as 0 available.
   */
  static request(orderId: string, requested: readonly ReservationLine[], stock: readonly StockItem[]): Reservation {
    const lines = mergeLines(requested);
    const items = bySku(stock);
    const shortfall = lines
      .map(({ sku, quantity }) => ({ sku, requested: quantity, available: items.get(sku)?.available ?? 0 }))
      .filter((line) => line.requested > line.available);

    if (shortfall.length > 0) {
      const refused = new Reservation({ orderId, status: 'REFUSED', lines: [], shortfall });
      refused.record({ type: 'ReservationRefused', orderId, shortfall });
      return refused;
    }
    for (const { sku, quantity } of lines) items.get(sku)!.reserve(quantity);
    const reservation = new Reservation({ orderId, status: 'RESERVED', lines, shortfall: [] });
    reservation.record({ type: 'StockReservedForOrder', orderId, lines });
    return reservation;
  }

  /**
   * A release for an order that never reserved anything (its ReserveStock is late, or was dead-lettered
   * and may be replayed). Remembered as RELEASED with no lines, so that a reservation arriving after it
   * is refused instead of holding stock for an order the saga has already given up.
   */
  static releaseBeforeRequest(orderId: string): Reservation {
    const released = new Reservation({ orderId, status: 'RELEASED', lines: [], shortfall: [] });
    released.record({ type: 'ReservationReleased', orderId, returnedToStock: [] });
    return released;
  }

  static restore(state: ReservationState): Reservation {
    const refused = state.status === 'REFUSED';
    if (refused !== state.shortfall.length > 0 || (refused && state.lines.length > 0)) {
      throw new CorruptInventoryState(`reservation of order ${state.orderId}: ${state.status} with ${state.lines.length} lines and ${state.shortfall.length} short`);
    }
    return new Reservation({ ...state, lines: mergeLines(state.lines) });
  }

  get orderId(): string {
    return this.state.orderId;
  }

  get status(): ReservationStatus {
    return this.state.status;
  }

  get lines(): readonly ReservationLine[] {
    return this.state.lines;
  }

  get shortfall(): readonly Shortfall[] {
    return this.state.shortfall;
  }

  /** The SKUs whose stock items a release or commit changes. */
  get skus(): string[] {
    return this.state.lines.map((line) => line.sku);
  }

  /**
   * The same order asks again. Nothing is reserved twice: the answer is the one given the first time,
   * whatever happened since (the saga that asked has moved on, and ignores an answer it no longer needs).
   */
  requestAgain(): void {
    const { orderId, status, lines, shortfall } = this.state;
    if (status === 'RELEASED' && lines.length === 0) throw new ReservationAlreadyReleased(orderId);
    const answer: ReservationAnswer = status === 'REFUSED' ? { refused: shortfall } : { reserved: lines };
    this.record({ type: 'ReservationRequestedAgain', orderId, answer });
  }

  /**
   * Gives the held stock back (the order was rejected or cancelled). Only a RESERVED reservation holds
   * any; for every other status there is nothing to give back, and the release still succeeds: the saga
   * compensating an order needs to hear that the order holds no stock, which is true.
   */
  release(stock: readonly StockItem[]): void {
    const { orderId, status, lines } = this.state;
    if (status !== 'RESERVED') {
      this.record({ type: 'ReservationReleased', orderId, returnedToStock: [] });
      return;
    }
    const items = this.itemsOfLines(stock);
    for (const { sku, quantity } of lines) items.get(sku)!.release(quantity);
    this.state = { ...this.state, status: 'RELEASED' };
    this.record({ type: 'ReservationReleased', orderId, returnedToStock: lines });
  }

  /**
   * The held stock leaves with the shipment: on hand and reserved go down by each line. Committing twice
   * changes nothing the second time. Stock that is not held (RELEASED, REFUSED) cannot be committed.
   */
  commit(stock: readonly StockItem[]): void {
    const { orderId, status, lines } = this.state;
    if (status === 'COMMITTED') {
      this.record({ type: 'ReservationCommitted', orderId, shipped: [] });
      return;
    }
    if (status !== 'RESERVED') throw new ReservationNotCommittable(orderId, status);
    const items = this.itemsOfLines(stock);
    for (const { sku, quantity } of lines) items.get(sku)!.commit(quantity);
    this.state = { ...this.state, status: 'COMMITTED' };
    this.record({ type: 'ReservationCommitted', orderId, shipped: lines });
  }

  toState(): ReservationState {
    return { ...this.state };
  }

  /** A held line whose stock item is missing means the caller passed the wrong items: a bug, not a business case. */
  private itemsOfLines(stock: readonly StockItem[]): Map<string, StockItem> {
    const items = bySku(stock);
    const missing = this.skus.filter((sku) => !items.has(sku));
    if (missing.length > 0) throw new CorruptInventoryState(`order ${this.orderId} holds ${missing.join(', ')}, but no such stock item was given`);
    return items;
  }
}

function bySku(stock: readonly StockItem[]): Map<string, StockItem> {
  return new Map(stock.map((item) => [item.sku as string, item]));
}

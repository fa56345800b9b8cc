// What the inventory domain refuses, as types the application layer can tell apart: an HTTP controller
// turns them into 400/409, a message handler into a rejected message (dead letter) or a retry.

/** A rule of the inventory was about to be broken; nothing was changed. */
export abstract class InventoryRuleViolation extends Error {
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidSku extends InventoryRuleViolation {
  constructor(readonly value: string) {
    super(`"${value}" is not a SKU: it must be 1–64 letters, digits, "-" or "_"`);
  }
}

export class InvalidQuantity extends InventoryRuleViolation {
  constructor(readonly value: number) {
    super(`${value} is not a quantity: it must be a whole number greater than 0`);
  }
}

/** More goods than a stock counter can hold (PostgreSQL `integer`): refused rather than wrapped around. */
export class StockLimitExceeded extends InventoryRuleViolation {
  constructor(
    readonly sku: string,
    readonly onHand: number,
    readonly received: number,
    readonly limit: number,
  ) {
    super(`${sku} has ${onHand} on hand; receiving ${received} more would exceed ${limit}`);
  }
}

/** Reserving more than is available would oversell: the one thing inventory must never do. */
export class InsufficientStock extends InventoryRuleViolation {
  constructor(
    readonly sku: string,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`${sku}: ${requested} requested, ${available} available`);
  }
}

/** Releasing or committing more than is reserved: the books would no longer add up. */
export class NotReserved extends InventoryRuleViolation {
  constructor(
    readonly sku: string,
    readonly quantity: number,
    readonly reserved: number,
  ) {
    super(`${sku}: ${quantity} to take out of reservation, but only ${reserved} reserved`);
  }
}

/** Only stock that is held can leave with a shipment: a released or refused reservation holds none. */
export class ReservationNotCommittable extends InventoryRuleViolation {
  constructor(
    readonly orderId: string,
    readonly status: string,
  ) {
    super(`the reservation of order ${orderId} is ${status}: there is no reserved stock to commit`);
  }
}

/** A command about an order's reservation, for an order that has none. */
export class NoReservation extends InventoryRuleViolation {
  constructor(readonly orderId: string) {
    super(`order ${orderId} has no reservation: there is no reserved stock to commit`);
  }
}

/** The order's stock was released before it was ever reserved; reserving it now would hold stock for an order that is over. */
export class ReservationAlreadyReleased extends InventoryRuleViolation {
  constructor(readonly orderId: string) {
    super(`order ${orderId} was released before any stock was reserved for it: it gets none now`);
  }
}

/** Stored state that breaks the aggregate's own invariants: a bug or a hand edit, never a user error. */
export class CorruptInventoryState extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptInventoryState';
  }
}

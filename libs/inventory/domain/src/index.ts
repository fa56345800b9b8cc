// The inventory domain: plain TypeScript, no framework (lint enforces it). See docs/domain/inventory.md.
export { AggregateRoot } from './aggregate-root';
export {
  CorruptInventoryState,
  InsufficientStock,
  InvalidQuantity,
  InvalidSku,
  InventoryRuleViolation,
  NoReservation,
  NotReserved,
  ReservationAlreadyReleased,
  ReservationNotCommittable,
  StockLimitExceeded,
} from './inventory.errors';
export type { ReservationRepository, StockItemRepository } from './repositories';
export { mergeLines, type ReservationLine, type Shortfall } from './reservation-line';
export { Reservation, type ReservationState, type ReservationStatus } from './reservation';
export type {
  ReservationAnswer,
  ReservationCommitted,
  ReservationEvent,
  ReservationRefused,
  ReservationReleased,
  ReservationRequestedAgain,
  StockReservedForOrder,
} from './reservation.events';
export { Sku } from './sku';
export { StockItem, type StockItemChanged, type StockLevel } from './stock-item';

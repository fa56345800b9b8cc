// The orders domain: plain TypeScript, no framework (lint enforces it). See docs/domain.md.
export { Order, OrderStateError, TERMINAL_STATUSES, type OrderLine, type OrderSnapshot, type OrderStatus, type RejectionReason, type Shipment } from './order';
export type { OrderEvent } from './order-events';
export type { OrderRepository } from './order.repository';
export { OrderMother } from './order.mother';

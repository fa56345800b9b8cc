import type { RejectionReason } from './order';

/**
 * Domain events: what happened to one order, in the domain's words. They are not messages: the
 * application maps them to the integration events of @waybill/contracts (STYLE.md rule 7).
 */
export type OrderEvent =
  | { type: 'OrderPlaced'; at: Date }
  | { type: 'OrderConfirmed'; at: Date }
  | { type: 'OrderRejected'; at: Date; reason: RejectionReason }
  | { type: 'OrderCancelled'; at: Date }
  | { type: 'OrderDispatched'; at: Date }
  | { type: 'OrderDelivered'; at: Date };

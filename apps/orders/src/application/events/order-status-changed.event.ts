import type { IEvent } from '@nestjs/cqrs';
import type { OrderEvent, OrderStatus, RejectionReason } from '@waybill/orders-domain';

const STATUS_AFTER: Record<OrderEvent['type'], OrderStatus> = {
  OrderPlaced: 'PENDING',
  OrderConfirmed: 'CONFIRMED',
  OrderRejected: 'REJECTED',
  OrderCancelled: 'CANCELLED',
  OrderDispatched: 'DISPATCHED',
  OrderDelivered: 'DELIVERED',
};

/**
 * An order reached `status`, and it is committed: published on the EventBus after the commit
 * (afterCommit, libs/platform/src/database/after-commit.ts). The EventBus is in memory and fire-and-forget, so only reactions
 * that may be lost listen to it (a business metric); what other services must learn travels as
 * integration events, through the outbox (publish-order-events.ts).
 */
export class OrderStatusChanged implements IEvent {
  constructor(
    readonly orderId: string,
    readonly status: OrderStatus,
    readonly rejectionReason?: RejectionReason,
  ) {}

  static of(orderId: string, event: OrderEvent): OrderStatusChanged {
    return new OrderStatusChanged(orderId, STATUS_AFTER[event.type], event.type === 'OrderRejected' ? event.reason : undefined);
  }
}

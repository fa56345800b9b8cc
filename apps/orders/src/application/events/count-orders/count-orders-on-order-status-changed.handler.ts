import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ServiceMetrics } from '@waybill/platform';
import { Counter } from 'prom-client';
import { OrderStatusChanged } from '../order-status-changed.event';

/**
 * Counts orders by what became of them (`orders_total` on /metrics): placed (PENDING), confirmed,
 * rejected and why, cancelled, delivered. A count missed in a crash right after a commit is acceptable
 * for a dashboard, so it rides the in-memory EventBus.
 */
@EventsHandler(OrderStatusChanged)
export class CountOrdersOnOrderStatusChanged implements IEventHandler<OrderStatusChanged> {
  private readonly orders: Counter<'status' | 'reason'>;

  constructor(metrics: ServiceMetrics) {
    this.orders = new Counter({
      name: 'orders_total',
      help: 'Orders that reached each status (committed; PENDING = placed), REJECTED ones by reason.',
      labelNames: ['status', 'reason'] as const,
      registers: [metrics.registry],
    });
  }

  handle({ status, rejectionReason }: OrderStatusChanged): void {
    this.orders.inc({ status, reason: rejectionReason ?? '' });
  }
}

import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ServiceMetrics } from '@waybill/platform';
import { Counter } from 'prom-client';
import { CustomerNotifiedEvent } from '../../commands/notify-customer/customer-notified.event';

/**
 * Counts what customers are told, by fact and channel (`customer_notifications_total` on /metrics): how
 * many orders were confirmed, rejected, delivered… as the customers heard it. A count missed in a crash
 * right after a commit is acceptable for a dashboard, so it rides the in-memory EventBus.
 */
@EventsHandler(CustomerNotifiedEvent)
export class CountNotificationsOnCustomerNotified implements IEventHandler<CustomerNotifiedEvent> {
  private readonly notifications: Counter<'fact' | 'channel'>;

  constructor(metrics: ServiceMetrics) {
    this.notifications = new Counter({
      name: 'customer_notifications_total',
      help: 'Notifications customers were sent (committed), by order fact and channel.',
      labelNames: ['fact', 'channel'] as const,
      registers: [metrics.registry],
    });
  }

  handle({ notification, channel }: CustomerNotifiedEvent): void {
    this.notifications.inc({ fact: notification.fact, channel });
  }
}

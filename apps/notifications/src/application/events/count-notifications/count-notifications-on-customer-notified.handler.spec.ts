import { Notification } from '@waybill/notifications-domain';
import { ServiceMetrics } from '@waybill/platform';
import { randomUUID } from 'node:crypto';
import { CustomerNotifiedEvent } from '../../commands/notify-customer/customer-notified.event';
import { CountNotificationsOnCustomerNotified } from './count-notifications-on-customer-notified.handler';

describe('CountNotificationsOnCustomerNotified', () => {
  it('counts each committed notification under its fact and channel', async () => {
    const metrics = new ServiceMetrics('notifications');
    const handler = new CountNotificationsOnCustomerNotified(metrics);
    const told = (fact: 'ORDER_CANCELLED' | 'ORDER_DELIVERED') =>
      new CustomerNotifiedEvent(Notification.about({ orderId: randomUUID(), customerId: 'customer-7', fact }), 'log');

    handler.handle(told('ORDER_CANCELLED'));
    handler.handle(told('ORDER_CANCELLED'));
    handler.handle(told('ORDER_DELIVERED'));

    const { values } = (await metrics.registry.getSingleMetric('customer_notifications_total')!.get()) as { values: Array<{ labels: object; value: number }> };
    expect(values.map(({ labels, value }) => ({ labels, value }))).toEqual([
      { labels: { fact: 'ORDER_CANCELLED', channel: 'log' }, value: 2 },
      { labels: { fact: 'ORDER_DELIVERED', channel: 'log' }, value: 1 },
    ]);
  });
});

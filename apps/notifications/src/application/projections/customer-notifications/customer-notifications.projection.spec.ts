import { CustomerNotified, newFlow, OrderConfirmed, type Envelope, type PayloadOf } from '@waybill/contracts';
import { Notification, type OrderFact, type OrderNews } from '@waybill/notifications-domain';
import type { ViewTransaction } from '@waybill/read-models';
import { randomUUID } from 'node:crypto';
import { customerNotifiedOf } from '../../customer-notified';
import { CustomerNotificationsProjection } from './customer-notifications.projection';

/** A view that keeps the statements it is given, and says which physical table it writes. */
function recordingView(table = (name: string) => name) {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const view: ViewTransaction = {
    table,
    query: async (sql, parameters = []) => {
      statements.push({ sql, parameters });
      return [];
    },
  };
  return { view, statements };
}

describe('CustomerNotificationsProjection', () => {
  const projection = new CustomerNotificationsProjection();
  const order = () => ({ orderId: randomUUID(), customerId: 'customer-7' });
  const newsOf: Record<OrderFact, () => OrderNews> = {
    ORDER_CONFIRMED: () => ({ ...order(), fact: 'ORDER_CONFIRMED', distanceKm: 140, etaMinutes: 165 }),
    ORDER_REJECTED: () => ({ ...order(), fact: 'ORDER_REJECTED', reason: 'NO_ROUTE' }),
    ORDER_CANCELLED: () => ({ ...order(), fact: 'ORDER_CANCELLED' }),
    ORDER_DISPATCHED: () => ({ ...order(), fact: 'ORDER_DISPATCHED' }),
    ORDER_DELIVERED: () => ({ ...order(), fact: 'ORDER_DELIVERED' }),
  };
  const announcement = (fact: OrderFact) => customerNotifiedOf(Notification.about(newsOf[fact]()), 'log', newFlow());

  it.each(Object.keys(newsOf) as OrderFact[])(
    'keeps a %s announcement as one row in this service’s words, inserted only if its notification id is new',
    async (fact) => {
      const event = announcement(fact);
      const { view, statements } = recordingView();

      await projection.apply(view, event);

      expect(statements).toHaveLength(1);
      expect(statements[0].sql).toMatch(/INSERT INTO customer_notifications .* ON CONFLICT \(notification_id\) DO NOTHING/s);
      const { notificationId, orderId, message } = event.payload as { notificationId: string; orderId: string; message: string };
      expect(statements[0].parameters).toEqual([notificationId, orderId, 'customer-7', fact, 'log', message, event.occurredAt]);
    },
  );

  it('writes to the table it is pointed at (a rebuild’s shadow)', async () => {
    const { view, statements } = recordingView((name) => `${name}__rebuild`);

    await projection.apply(view, announcement('ORDER_DELIVERED'));

    expect(statements[0].sql).toMatch(/INSERT INTO customer_notifications__rebuild /);
  });

  it('ignores events it does not show', async () => {
    const { view, statements } = recordingView();
    const orderId = randomUUID();

    await projection.apply(view, OrderConfirmed.create({ orderId, customerId: 'c', distanceKm: 1, etaMinutes: 1 }, newFlow()) as Envelope);

    expect(statements).toEqual([]);
  });

  it('refuses an announcement of a fact notifications never tells of, so it is dead-lettered rather than shown', async () => {
    const event = announcement('ORDER_DELIVERED');
    const odd = CustomerNotified.create({ ...(event.payload as PayloadOf<typeof CustomerNotified>), fact: 'orders.order-placed.v1' }, newFlow());

    await expect(projection.apply(recordingView().view, odd)).rejects.toThrow(/orders\.order-placed\.v1/);
  });
});

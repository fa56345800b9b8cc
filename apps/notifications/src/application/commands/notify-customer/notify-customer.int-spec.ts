// Notify the customer, on the real Kafka broker and PostgreSQL: orders' facts go onto orders.events, and
// each must leave exactly one row in the notification log, one call to the sender and one CustomerNotified
// on notifications.events — also when the same message arrives twice, and when the same fact comes back
// under a new message id.
import { CustomerNotified, OrderConfirmed, OrderDispatched, Topics, type Envelope, type PayloadOf } from '@waybill/contracts';
import { Notification, type NotificationSender, type OrderFact } from '@waybill/notifications-domain';
import { eventually, readTopicToEnd } from '@waybill/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NOTIFICATION_SENDER } from '../../../notifications.tokens';
import { notificationsUnderTest } from '../../../testing/notifications-under-test';
import { anOrder, OrderEventMother } from '../../../testing/order-event.mother';

interface Row {
  notification_id: string;
  customer_id: string;
  fact: OrderFact;
  message: string;
}

describe('notify the customer once per fact of their order', () => {
  const service = notificationsUnderTest();
  let database: DataSource;
  /** The real log sender, watched: every call still writes its log line. */
  let sends: jest.SpyInstance<Promise<void>, [Notification]>;

  beforeAll(() => {
    database = service().app.get(DataSource);
    sends = jest.spyOn(service().app.get<NotificationSender>(NOTIFICATION_SENDER), 'send');
  });

  const rowsOf = (orderId: string, fact?: OrderFact): Promise<Row[]> =>
    database.query(
      `SELECT notification_id, customer_id, fact, message FROM notifications WHERE order_id = $1 AND ($2::text IS NULL OR fact = $2) ORDER BY sent_at`,
      [orderId, fact ?? null],
    );
  const sentFor = (orderId: string, fact?: OrderFact): Notification[] =>
    sends.mock.calls.map(([notification]) => notification).filter((n) => n.orderId === orderId && (!fact || n.fact === fact));
  /** Waits until `fact` of the order is in the log; the send happened in the same transaction, so before. */
  const notified = (orderId: string, fact: OrderFact) =>
    eventually(async () => {
      const rows = await rowsOf(orderId, fact);
      expect(rows).toHaveLength(1);
      return rows[0];
    });
  /** What notifications announced about the order on notifications.events, once everything it wrote to its outbox is on Kafka. */
  const announcedAbout = async (orderId: string): Promise<Array<Envelope<PayloadOf<typeof CustomerNotified>>>> => {
    await eventually(async () => {
      const [{ waiting }] = await database.query(`SELECT count(*)::int AS waiting FROM outbox WHERE message_key = $1 AND published_at IS NULL`, [orderId]);
      expect(waiting).toBe(0);
    });
    const messages = await readTopicToEnd(`${service().topics.prefix}${Topics.notifications.events}`);
    return messages.filter((message) => message.key === orderId).map((message) => JSON.parse(message.value!));
  };
  /** `customer_notifications_total` for one fact, as /metrics shows it now. */
  const counted = async (fact: OrderFact): Promise<number> => {
    const metrics = (await request(service().url).get('/metrics')).text.split('\n');
    const line = metrics.find((candidate) => candidate.startsWith('customer_notifications_total{') && candidate.includes(`fact="${fact}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  const inboxHas = async (...messageIds: string[]): Promise<string[]> =>
    (await database.query(`SELECT message_id FROM inbox WHERE message_id = ANY($1::uuid[])`, [messageIds])).map((row: { message_id: string }) => row.message_id);

  it.each([
    ['OrderConfirmed', 'ORDER_CONFIRMED', OrderEventMother.confirmed, /confirmed.*120 km.*1 hour 35 minutes/],
    ['OrderRejected (OUT_OF_STOCK)', 'ORDER_REJECTED', (order) => OrderEventMother.rejected('OUT_OF_STOCK', order), /out of stock/],
    ['OrderRejected (NO_ROUTE)', 'ORDER_REJECTED', (order) => OrderEventMother.rejected('NO_ROUTE', order), /do not deliver/],
    ['OrderRejected (TIMEOUT)', 'ORDER_REJECTED', (order) => OrderEventMother.rejected('TIMEOUT', order), /did not answer in time/],
    ['OrderCancelled', 'ORDER_CANCELLED', OrderEventMother.cancelled, /cancelled/],
    ['OrderDispatched', 'ORDER_DISPATCHED', OrderEventMother.dispatched, /on its way/],
    ['OrderDelivered', 'ORDER_DELIVERED', OrderEventMother.delivered, /delivered/],
  ] as Array<[string, OrderFact, (order: ReturnType<typeof anOrder>) => Envelope<{ orderId: string }>, RegExp]>)(
    'turns %s into one notification row and one send',
    async (_, fact, event, says) => {
      const order = anOrder();
      await service().publish(event(order));

      const row = await notified(order.orderId, fact);
      expect(row).toMatchObject({ customer_id: order.customerId, fact });
      expect(row.message).toMatch(says);
      const sent = sentFor(order.orderId);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ notificationId: row.notification_id, customerId: order.customerId, fact, message: row.message });
    },
  );

  it('turns a duplicate delivery (the same message id) into no second row and no second send', async () => {
    const order = anOrder();
    const confirmed = OrderEventMother.confirmed(order);
    const marker = OrderEventMother.dispatched(order); // same key, same partition: handled after both copies

    await service().publish(confirmed, confirmed, marker);

    await notified(order.orderId, 'ORDER_DISPATCHED');
    expect(await rowsOf(order.orderId, 'ORDER_CONFIRMED')).toHaveLength(1);
    expect(sentFor(order.orderId, 'ORDER_CONFIRMED')).toHaveLength(1);
  });

  it('turns a republished fact (a new message id, the same order and fact) into no second row and no second send', async () => {
    const order = anOrder();
    const rejected = OrderEventMother.rejected('NO_ROUTE', order);
    const replayed = OrderEventMother.republished(rejected);
    const marker = OrderEventMother.cancelled(order);

    await service().publish(rejected, replayed, marker);

    await notified(order.orderId, 'ORDER_CANCELLED');
    // Both copies got past the inbox (two different ids): what stopped the second is the log's unique key.
    expect((await inboxHas(rejected.id, replayed.id)).sort()).toEqual([rejected.id, replayed.id].sort());
    expect(await rowsOf(order.orderId, 'ORDER_REJECTED')).toHaveLength(1);
    expect(sentFor(order.orderId, 'ORDER_REJECTED')).toHaveLength(1);
  });

  it('announces a fact once on notifications.events (CustomerNotified keyed by the order), however often the order event arrives', async () => {
    const order = anOrder();
    const confirmed = OrderEventMother.confirmed(order);
    const marker = OrderEventMother.dispatched(order);

    await service().publish(confirmed, confirmed, OrderEventMother.republished(confirmed), marker);

    const row = await notified(order.orderId, 'ORDER_CONFIRMED');
    await notified(order.orderId, 'ORDER_DISPATCHED');
    const announced = await announcedAbout(order.orderId);
    expect(announced.map((envelope) => envelope.payload.fact)).toEqual([OrderConfirmed.name, OrderDispatched.name]);
    expect(announced[0]).toMatchObject({
      type: CustomerNotified.type,
      version: CustomerNotified.version,
      correlationId: confirmed.correlationId,
      causationId: confirmed.id,
      payload: { orderId: order.orderId, notificationId: row.notification_id, customerId: order.customerId, channel: 'log', message: row.message },
    });
    // GET /notifications shows exactly what was announced (its view is projected from these events).
    const shown = await request(service().url).get('/notifications').query({ orderId: order.orderId });
    expect(shown.body.map((note: { notificationId: string }) => note.notificationId)).toEqual(announced.map((envelope) => envelope.payload.notificationId));
  });

  it('rolls the row back when the send fails, and notifies once when the retry succeeds', async () => {
    const order = anOrder();
    const countedBefore = await counted('ORDER_DELIVERED');
    sends.mockImplementationOnce(async () => {
      throw new Error('SMTP server unreachable');
    });

    await service().publish(OrderEventMother.delivered(order));

    const row = await notified(order.orderId, 'ORDER_DELIVERED');
    const [failed, retried] = sentFor(order.orderId);
    expect(sentFor(order.orderId)).toHaveLength(2);
    // The row is the retry's: the failed attempt's notification was rolled back with its transaction.
    expect(row.notification_id).toBe(retried.notificationId);
    expect(failed.notificationId).not.toBe(retried.notificationId);
    expect(await rowsOf(order.orderId)).toHaveLength(1);
    // Only the commit is announced and counted: the failed attempt's event was rolled back with it, and
    // its after-commit count never ran.
    expect((await announcedAbout(order.orderId)).map((envelope) => envelope.payload.notificationId)).toEqual([retried.notificationId]);
    expect(await eventually(async () => {
      const count = await counted('ORDER_DELIVERED');
      expect(count).toBeGreaterThan(countedBefore);
      return count;
    })).toBe(countedBefore + 1);
  });

  it('ignores OrderPlaced: no notification, counted as ignored', async () => {
    const order = anOrder();
    const marker = OrderEventMother.confirmed(order);

    await service().publish(OrderEventMother.placed(order), marker);

    await notified(order.orderId, 'ORDER_CONFIRMED');
    expect((await rowsOf(order.orderId)).map((row) => row.fact)).toEqual(['ORDER_CONFIRMED']);
    expect(sentFor(order.orderId).map((notification) => notification.fact)).toEqual(['ORDER_CONFIRMED']);
    const metrics = (await request(service().url).get('/metrics')).text.split('\n');
    const ignored = metrics.find((line) => line.startsWith('kafka_messages_consumed_total{') && line.includes('type="orders.order-placed.v1"') && line.includes('outcome="ignored"'));
    expect(ignored).toMatch(/ 1$/);
  });
});

// GET /notifications?orderId= on the real service: what the customer was told, one row per fact, oldest
// first, from the customer-notifications view; [] for an order with none; 400 for a missing or malformed
// order id; and a notification shows as soon as the transaction that sent it commits (read-your-writes).
import { randomUUID } from 'node:crypto';
import { ReadModels } from '@waybill/platform';
import { eventually } from '@waybill/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { notificationsUnderTest } from '../../../testing/notifications-under-test';
import { anOrder, OrderEventMother } from '../../../testing/order-event.mother';

describe('GET /notifications?orderId=', () => {
  const service = notificationsUnderTest();
  const list = (query: Record<string, string> | string) => request(service().url).get('/notifications').query(query);

  it('answers what the customer was told, one row per fact, oldest first', async () => {
    const order = anOrder();
    const someoneElse = anOrder();
    await service().publish(OrderEventMother.confirmed(someoneElse));
    await service().publish(OrderEventMother.confirmed(order), OrderEventMother.dispatched(order), OrderEventMother.delivered(order));

    const response = await eventually(async () => {
      const response = await list({ orderId: order.orderId });
      expect(response.body).toHaveLength(3);
      return response;
    });

    expect(response.status).toBe(200);
    expect(response.body.map((row: { fact: string }) => row.fact)).toEqual(['ORDER_CONFIRMED', 'ORDER_DISPATCHED', 'ORDER_DELIVERED']);
    for (const row of response.body) {
      expect(Object.keys(row).sort()).toEqual(['customerId', 'fact', 'message', 'notificationId', 'orderId', 'sentAt']);
      expect(row).toMatchObject({ orderId: order.orderId, customerId: order.customerId, notificationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(row.message).toEqual(expect.any(String));
      expect(new Date(row.sentAt).toISOString()).toBe(row.sentAt);
    }
    const sentAt = response.body.map((row: { sentAt: string }) => Date.parse(row.sentAt));
    expect(sentAt).toEqual([...sentAt].sort((a, b) => a - b));
  });

  it('answers [] for an order it has told nothing about', async () => {
    const response = await list({ orderId: randomUUID() });

    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it.each([
    ['without an orderId', {}],
    ['with an orderId that is not a UUID', { orderId: 'order-1' }],
    ['with an empty orderId', { orderId: '' }],
    ['with a field it does not know', { orderId: randomUUID(), customerId: 'customer-7' }],
  ])('answers 400 %s, in the design’s error shape', async (_, query) => {
    const response = await list(query);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(response.body.message)).toMatch(/orderId|customerId/);
  });
});

describe('GET /notifications right after a notification (read-your-writes)', () => {
  const service = notificationsUnderTest();

  it('shows the notification as soon as the transaction that sent it commits, with no projector running', async () => {
    // Without its projector, nothing reads notifications.events into the view: only the notifying
    // transaction itself (projectNow) can have put a row there.
    await service().app.get(ReadModels).beforeApplicationShutdown();
    const order = anOrder();
    const database = service().app.get(DataSource);

    await service().publish(OrderEventMother.confirmed(order));

    const [sent] = await eventually(async () => {
      const rows: Array<{ notification_id: string }> = await database.query(`SELECT notification_id FROM notifications WHERE order_id = $1`, [order.orderId]);
      expect(rows).toHaveLength(1);
      return rows;
    });
    const response = await request(service().url).get('/notifications').query({ orderId: order.orderId });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([expect.objectContaining({ notificationId: sent.notification_id, orderId: order.orderId, customerId: order.customerId, fact: 'ORDER_CONFIRMED' })]);
  });
});

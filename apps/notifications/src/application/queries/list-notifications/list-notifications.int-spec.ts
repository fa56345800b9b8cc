// GET /notifications?orderId= on the real service: what the customer was told, one row per fact, oldest
// first; [] for an order with none; 400 for a missing or malformed order id.
import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually } from '@waybill/testing';
import request from 'supertest';
import { NotificationsModule } from '../../../notifications.module';
import { notificationsService } from '../../../notifications.service-definition';
import { anOrder, OrderEventMother } from '../../../testing/order-event.mother';

describe('GET /notifications?orderId=', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest(notificationsService, (env) => NotificationsModule.register(env));
  });
  afterAll(async () => {
    await service?.stop();
  });

  const list = (query: Record<string, string> | string) => request(service.url).get('/notifications').query(query);

  it('answers what the customer was told, one row per fact, oldest first', async () => {
    const order = anOrder();
    const someoneElse = anOrder();
    await service.publish(OrderEventMother.confirmed(someoneElse));
    await service.publish(OrderEventMother.confirmed(order), OrderEventMother.dispatched(order), OrderEventMother.delivered(order));

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

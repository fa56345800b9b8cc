// The order view (docs/patterns/cqrs.md) over the real broker and database: read-your-writes right
// after POST /orders, other services' facts published on their own topics, duplicates and any arrival
// order, a poison event, and a rebuild from the topics that gives back the very view the live projector
// built, while GET keeps answering. Inventory, routing and notifications are played by this test.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  CustomerNotified,
  newFlow,
  OrderConfirmed,
  OrderPlaced,
  RoutePlanned,
  StockReserved,
  StockUnavailable,
  Topics,
  type Envelope,
} from '@waybill/contracts';
import { DeadLetterHeaders } from '@waybill/dead-letters';
import { rebuildProjection } from '@waybill/read-models';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually, readTopic } from '@waybill/testing';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { foldOrderView } from './application/projections/order-view/order-view.fold';
import { orderViewEventOf, orderViewProjection } from './application/projections/order-view/order-view.projection';
import { OrdersModule } from './orders.module';
import { ordersService } from './orders.service-definition';

describe('the order view', () => {
  let service: ServiceUnderTest;
  let database: DataSource;

  beforeAll(async () => {
    // No participant answers here unless a test does, and no deadline should fire meanwhile.
    service = await startServiceUnderTest(ordersService, (env) => OrdersModule.register(env), { SAGA_STEP_TIMEOUT_MS: '600000' });
    database = service.app.get(DataSource);
  });
  afterAll(() => service?.stop());

  const place = async (customerId = 'customer-view') => {
    const placed = await request(service.url).post('/orders').send({ customerId, lines: [{ sku: 'BOX-S', quantity: 2 }], destination: 'Manchester' });
    expect(placed.status).toBe(202);
    return placed.body.orderId as string;
  };
  const get = (orderId: string) => request(service.url).get(`/orders/${orderId}`);
  const order = async (orderId: string) => (await get(orderId)).body;
  const storedEvents = async (orderId: string) =>
    (await database.query(`SELECT event_id FROM order_view_events WHERE order_id = $1`, [orderId])) as Array<{ event_id: string }>;
  const notified = (orderId: string, message: string) =>
    CustomerNotified.create({ orderId, customerId: 'customer-7', notificationId: randomUUID(), fact: OrderConfirmed.name, channel: 'log', message }, newFlow(orderId));
  const route = { route: ['Birmingham', 'Sheffield', 'Manchester'], distanceKm: 140.5, etaMinutes: 165 };

  it('answers PENDING right after POST /orders, every time: never a 404', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) {
          const orderId = await place();
          const answer = await get(orderId);
          statuses.push(answer.status);
          expect(answer.body).toMatchObject({ orderId, status: 'PENDING', customerId: 'customer-view', history: [{ type: 'OrderPlaced' }] });
        }
        return statuses;
      }),
    );

    expect(answers.flat()).toEqual(Array(50).fill(200));
  });

  it('shows the route routing planned and what notifications told the customer, from their own topics', async () => {
    const orderId = await place();
    const shipmentId = randomUUID();

    await service.publish(StockReserved.create({ orderId, lines: [{ sku: 'BOX-S', quantity: 2 }] }, newFlow(orderId)));
    await service.publish(RoutePlanned.create({ orderId, shipmentId, ...route }, newFlow(orderId)));
    await eventually(async () => expect((await order(orderId)).status).toBe('CONFIRMED'));
    // The reply that confirmed the order entered the view with the confirmation: the route is there at once.
    expect((await order(orderId)).shipment).toEqual(route);
    await service.publish(notified(orderId, 'Your order is confirmed: 140.5 km, about 165 minutes.'));

    const view = await eventually(async () => {
      const current = await order(orderId);
      expect(current.notifications).toHaveLength(1);
      return current;
    });
    expect(view.notifications[0].message).toBe('Your order is confirmed: 140.5 km, about 165 minutes.');
    expect(view.history.map((entry: { type: string }) => entry.type)).toEqual(['OrderPlaced', 'StockReserved', 'RoutePlanned', 'OrderConfirmed', 'CustomerNotified']);
  });

  it('says why an order was rejected and what stock was missing', async () => {
    const orderId = await place();
    const missing = [{ sku: 'BOX-S', requested: 2, available: 1 }];

    await service.publish(StockUnavailable.create({ orderId, missing }, newFlow(orderId)));

    const view = await eventually(async () => {
      const current = await order(orderId);
      expect(current.status).toBe('REJECTED');
      return current;
    });
    expect(view).toMatchObject({ rejectionReason: 'OUT_OF_STOCK', missingStock: missing });
    expect(view.shipment).toBeUndefined();
    await eventually(async () => expect((await order(orderId)).history.map((entry: { type: string }) => entry.type)).toContain('OrderCompensated'));
    // Counted after the commit of the reply's transaction, from the EventBus.
    await eventually(async () => expect((await request(service.url).get('/metrics')).text).toMatch(/orders_total\{[^}]*status="REJECTED",reason="OUT_OF_STOCK"[^}]*\} [1-9]/));
  });

  it('ends right when the events of an order arrive out of order and twice, OrderPlaced last', async () => {
    // An order orders never placed through its HTTP side: its story arrives only from the topics, as in a
    // replay, the other services' part first.
    const orderId = randomUUID();
    const flow = newFlow(orderId);
    const story: Envelope<{ orderId: string }>[] = [
      notified(orderId, 'Your order is confirmed.'),
      RoutePlanned.create({ orderId, shipmentId: randomUUID(), ...route }, flow),
      OrderConfirmed.create({ orderId, customerId: 'customer-replayed', distanceKm: 140.5, etaMinutes: 165 }, flow),
      OrderPlaced.create({ orderId, customerId: 'customer-replayed', lines: [{ sku: 'BOX-S', quantity: 1 }], destination: 'Manchester' }, flow, {
        occurredAt: new Date(Date.now() - 60_000),
      }),
    ];

    await service.publish(...story.slice(0, 3));
    await eventually(async () => expect(await storedEvents(orderId)).toHaveLength(3));
    expect((await get(orderId)).status).toBe(404); // known only once OrderPlaced says who and what
    await service.publish(story[3]!, ...story); // OrderPlaced, then every event again

    const expected = foldOrderView(story.map((event) => orderViewEventOf(event)!))!.view;
    await eventually(async () => expect(await order(orderId)).toEqual(expected));
    expect(expected).toMatchObject({ status: 'CONFIRMED', shipment: route, notifications: [{ message: 'Your order is confirmed.' }] });
    expect(await storedEvents(orderId)).toHaveLength(4);
  });

  it('dead-letters a schema-invalid event under its consumer group, and goes on projecting the events behind it', async () => {
    const orderId = await place();
    const topic = `${service.topics.prefix}${Topics.notifications.events}`;
    const producer = new Kafka({ clientId: 'poison-producer', brokers: service.topics.brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ key: orderId, value: JSON.stringify({ ...notified(orderId, 'lost'), payload: { orderId } }) }] });
    } finally {
      await producer.disconnect();
    }
    await service.publish(notified(orderId, 'Your order is on its way.'));

    await eventually(async () => expect((await order(orderId)).notifications.map((note: { message: string }) => note.message)).toEqual(['Your order is on its way.']));
    const [letter] = await readTopic(`${topic}.dlq`, { count: 1 });
    expect(letter!.headers[DeadLetterHeaders.reason]).toBe('SCHEMA_INVALID');
    expect(letter!.headers[DeadLetterHeaders.consumerGroup]).toBe('orders.order-view');
    expect(JSON.parse(letter!.value!).payload).toEqual({ orderId });
  });

  it('counts placed orders on /metrics once committed (the EventBus), and reports the view in /health', async () => {
    await place();

    expect((await request(service.url).get('/metrics')).text).toMatch(/orders_total\{[^}]*status="PENDING"[^}]*\} [1-9]/);
    const health = await eventually(async () => {
      const answer = await request(service.url).get('/health');
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(health.info.readModels['order-view']).toMatchObject({ state: 'consuming', lagEvents: expect.any(Number) });
  });

  it('rebuilds from the topics into the very view the live projector built, twice over, while GET keeps answering', async () => {
    const rebuild = () =>
      rebuildProjection({
        projection: orderViewProjection,
        service: ordersService.name,
        kafka: new Kafka({ clientId: 'order-view-rebuild', brokers: service.topics.brokers, logLevel: logLevel.NOTHING }),
        dataSource: database,
        topicPrefix: service.topics.prefix,
        logger: pino({ level: 'silent' }),
      });
    const contents = async () => ({
      rows: await database.query(`SELECT * FROM order_view ORDER BY order_id`),
      events: await database.query(`SELECT * FROM order_view_events ORDER BY event_id`),
    });
    const orderId = await place();
    await service.publish(
      StockReserved.create({ orderId, lines: [{ sku: 'BOX-S', quantity: 2 }] }, newFlow(orderId)),
      RoutePlanned.create({ orderId, shipmentId: randomUUID(), ...route }, newFlow(orderId)),
      notified(orderId, 'Your order is confirmed.'),
    );
    await eventually(async () => expect((await order(orderId)).notifications).toHaveLength(1));
    const orderIds = (await database.query(`SELECT order_id FROM order_view ORDER BY placed_at DESC LIMIT 5`)).map((row: { order_id: string }) => row.order_id);
    // Everything published so far has been applied: the outbox relay and the projector have caught up.
    await eventually(async () => {
      const { outbox } = (await database.query(`SELECT count(*)::int AS outbox FROM outbox WHERE published_at IS NULL`))[0];
      expect(outbox).toBe(0);
      expect((await request(service.url).get('/health')).body.info.readModels['order-view'].lagEvents).toBe(0);
    });
    const live = await contents();
    expect(live.rows.length).toBeGreaterThan(0);

    let rebuilding = true;
    const answers: number[] = [];
    const reader = (async () => {
      while (rebuilding) for (const orderId of orderIds) answers.push((await get(orderId)).status);
    })();
    const first = await rebuild().finally(() => (rebuilding = false));
    await reader;

    expect(first.eventsReplayed).toBeGreaterThan(0);
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set([200]));
    expect(await contents()).toEqual(live);

    await rebuild();
    expect(await contents()).toEqual(live);
  });
});

// The order-fulfilment saga over the real broker and database, with inventory and routing played by
// this test: it reads the commands the saga sends and answers them (or, to test deadlines, does not).
// Every path of DESIGN.md: confirmed → dispatched → delivered, OUT_OF_STOCK, NO_ROUTE (stock released),
// TIMEOUT (compensated), cancel while CONFIRMED, a compensation nobody confirms (needs attention).
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  causedBy,
  RoutePlanned,
  RouteUnavailable,
  ShipmentCancelled,
  ShipmentDelivered,
  ShipmentDispatched,
  StockReleased,
  StockReserved,
  StockUnavailable,
  Topics,
  type Envelope,
  type MessageDefinition,
} from '@waybill/contracts';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually, readTopicToEnd } from '@waybill/testing';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { OrdersModule } from './orders.module';
import { ordersService } from './orders.service-definition';

describe('order fulfilment saga', () => {
  let service: ServiceUnderTest;
  let producer: Producer;
  let participants: Consumer;
  const commands: Envelope<{ orderId: string }>[] = [];

  beforeAll(async () => {
    service = await startServiceUnderTest(ordersService, (env) => OrdersModule.register(env), {
      SAGA_STEP_TIMEOUT_MS: '2000',
      SAGA_COMPENSATION_TIMEOUT_MS: '700',
    });
    const kafka = new Kafka({ clientId: 'fake-participants', brokers: service.topics.brokers, logLevel: 0 });
    producer = kafka.producer();
    await producer.connect();
    participants = kafka.consumer({ groupId: `fake-participants-${randomUUID()}` });
    await participants.connect();
    await participants.subscribe({ topics: [Topics.inventory.commands, Topics.routing.commands].map((topic) => service.topics.prefix + topic), fromBeginning: true });
    await participants.run({ eachMessage: async ({ message }) => void commands.push(JSON.parse(message.value!.toString())) });
  });

  afterAll(async () => {
    await participants?.disconnect();
    await producer?.disconnect();
    await service?.stop();
  });

  const place = (body: object = { customerId: 'customer-1', lines: [{ sku: 'BOX-S', quantity: 2 }], destination: 'Manchester' }) =>
    request(service.url).post('/orders').send(body);
  const order = async (orderId: string) => (await request(service.url).get(`/orders/${orderId}`)).body;
  const sentTo = (orderId: string) => commands.filter((command) => command.payload.orderId === orderId).map((command) => command.type);
  const commandFor = (orderId: string, type: string) =>
    eventually(async () => {
      const found = commands.find((command) => command.payload.orderId === orderId && command.type === type);
      expect(found).toBeDefined();
      return found!;
    });
  /** Answers `to` as the participant would: same flow, caused by the command. */
  async function reply<Schema extends z.ZodType>(to: Envelope, definition: MessageDefinition<Schema>, payload: z.input<Schema>) {
    const envelope = definition.create(payload, causedBy(to));
    await producer.send({ topic: service.topics.prefix + definition.topic, messages: [{ key: (payload as { orderId: string }).orderId, value: JSON.stringify(envelope) }] });
  }
  const statusBecomes = (orderId: string, status: string) => eventually(async () => expect((await order(orderId)).status).toBe(status));
  const shipment = { shipmentId: randomUUID(), route: ['Birmingham', 'Manchester'], distanceKm: 140, etaMinutes: 165 };

  async function confirmedOrder(): Promise<string> {
    const { body } = await place();
    const reserve = await commandFor(body.orderId, 'inventory.reserve-stock');
    await reply(reserve, StockReserved, { orderId: body.orderId, lines: [{ sku: 'BOX-S', quantity: 2 }] });
    const plan = await commandFor(body.orderId, 'routing.plan-route');
    await reply(plan, RoutePlanned, { orderId: body.orderId, ...shipment });
    await statusBecomes(body.orderId, 'CONFIRMED');
    return body.orderId;
  }

  it('confirms, dispatches and delivers; the order view answers at once and tells the whole story', async () => {
    const placed = await place();
    expect(placed.status).toBe(202);
    expect(placed.body).toEqual({ orderId: expect.any(String), status: 'PENDING' });
    const { orderId } = placed.body;
    expect((await order(orderId)).status).toBe('PENDING'); // read-your-writes: never 404 right after POST

    await reply(await commandFor(orderId, 'inventory.reserve-stock'), StockReserved, { orderId, lines: [{ sku: 'BOX-S', quantity: 2 }] });
    await reply(await commandFor(orderId, 'routing.plan-route'), RoutePlanned, { orderId, ...shipment });
    await statusBecomes(orderId, 'CONFIRMED');
    await reply(await commandFor(orderId, 'routing.plan-route'), ShipmentDispatched, { orderId, shipmentId: shipment.shipmentId });
    await commandFor(orderId, 'inventory.commit-stock'); // the stock leaves with the goods
    await statusBecomes(orderId, 'DISPATCHED');
    await reply(await commandFor(orderId, 'routing.plan-route'), ShipmentDelivered, { orderId, shipmentId: shipment.shipmentId });
    await statusBecomes(orderId, 'DELIVERED');

    const view = await order(orderId);
    expect(view).toMatchObject({ customerId: 'customer-1', destination: 'Manchester', lines: [{ sku: 'BOX-S', quantity: 2 }] });
    expect(view.shipment).toEqual({ distanceKm: 140, etaMinutes: 165, route: ['Birmingham', 'Manchester'] });
    // Every service's part in it: the participants' replies (played by this test) among orders' own facts.
    expect(view.history.map((entry: { type: string }) => entry.type)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'RoutePlanned',
      'OrderConfirmed',
      'ShipmentDispatched',
      'OrderDispatched',
      'ShipmentDelivered',
      'OrderDelivered',
    ]);
    const facts = await eventually(async () => {
      const events = (await readTopicToEnd(service.topics.prefix + Topics.orders.events)).map((message) => JSON.parse(message.value!)).filter((event) => event.payload.orderId === orderId);
      expect(events).toHaveLength(4);
      return events;
    });
    expect(facts.map((event) => event.type)).toEqual(['orders.order-placed', 'orders.order-confirmed', 'orders.order-dispatched', 'orders.order-delivered']);
    expect(new Set(facts.map((event) => event.correlationId)).size).toBe(1); // one story, one correlation id
  });

  it('rejects OUT_OF_STOCK with nothing to undo', async () => {
    const { orderId } = (await place()).body;
    await reply(await commandFor(orderId, 'inventory.reserve-stock'), StockUnavailable, { orderId, missing: [{ sku: 'BOX-S', requested: 2, available: 0 }] });

    await statusBecomes(orderId, 'REJECTED');
    expect((await order(orderId)).rejectionReason).toBe('OUT_OF_STOCK');
    expect(sentTo(orderId)).toEqual(['inventory.reserve-stock']);
  });

  it('rejects NO_ROUTE and releases the stock it had reserved', async () => {
    const { orderId } = (await place()).body;
    await reply(await commandFor(orderId, 'inventory.reserve-stock'), StockReserved, { orderId, lines: [{ sku: 'BOX-S', quantity: 2 }] });
    await reply(await commandFor(orderId, 'routing.plan-route'), RouteUnavailable, { orderId, destination: 'Atlantis', reason: 'UNKNOWN_DESTINATION' });

    await statusBecomes(orderId, 'REJECTED');
    expect((await order(orderId)).rejectionReason).toBe('NO_ROUTE');
    await reply(await commandFor(orderId, 'inventory.release-stock'), StockReleased, { orderId });
    await eventually(async () => expect((await order(orderId)).history.map((entry: { type: string }) => entry.type)).toContain('OrderCompensated'));
    const facts = await eventually(async () => {
      const events = (await readTopicToEnd(service.topics.prefix + Topics.orders.events)).map((message) => JSON.parse(message.value!)).filter((event) => event.payload.orderId === orderId);
      expect(events).toHaveLength(3);
      return events;
    });
    expect(facts.map((event) => event.type)).toEqual(['orders.order-placed', 'orders.order-rejected', 'orders.order-compensated']);
  });

  it('rejects TIMEOUT when a participant does not answer in time, and undoes what it may have done', async () => {
    const { orderId } = (await place()).body;
    await commandFor(orderId, 'inventory.reserve-stock'); // …and no answer

    await statusBecomes(orderId, 'REJECTED');
    expect((await order(orderId)).rejectionReason).toBe('TIMEOUT');
    await commandFor(orderId, 'inventory.release-stock');
  });

  it('cancels a CONFIRMED order: the shipment is cancelled, then the stock released; a second cancel is refused', async () => {
    const orderId = await confirmedOrder();

    const cancelled = await request(service.url).post(`/orders/${orderId}/cancel`);
    expect(cancelled.status).toBe(202);
    expect((await order(orderId)).status).toBe('CANCELLED');
    await reply(await commandFor(orderId, 'routing.cancel-shipment'), ShipmentCancelled, { orderId });
    await reply(await commandFor(orderId, 'inventory.release-stock'), StockReleased, { orderId });
    expect((await request(service.url).post(`/orders/${orderId}/cancel`)).status).toBe(409);
    expect((await request(service.url).post(`/orders/${randomUUID()}/cancel`)).status).toBe(404);
  });

  it('marks a saga whose compensation is never confirmed as needing attention, never silently done', async () => {
    const { orderId } = (await place()).body;
    await reply(await commandFor(orderId, 'inventory.reserve-stock'), StockReserved, { orderId, lines: [{ sku: 'BOX-S', quantity: 2 }] });
    await reply(await commandFor(orderId, 'routing.plan-route'), RouteUnavailable, { orderId, destination: 'Atlantis', reason: 'UNKNOWN_DESTINATION' });

    await eventually(async () => expect((await order(orderId)).history.map((entry: { type: string }) => entry.type)).toContain('OrderNeedsAttention'), { timeoutMs: 15_000 });
    expect(sentTo(orderId).filter((type) => type === 'inventory.release-stock')).toHaveLength(5);
    expect((await request(service.url).get('/metrics')).text).toMatch(/saga_needs_attention\{service="orders"\} [1-9]/);
    // What the operations view lists, from the order view's own columns.
    const [row] = await service.app.get(DataSource).query(`SELECT needs_attention, attention_reason FROM order_view WHERE order_id = $1`, [orderId]);
    expect(row).toEqual({ needs_attention: true, attention_reason: expect.stringContaining('reserve-stock') });

    // The confirmation comes after all: the compensation finishes, and the order no longer waits for a person.
    await reply(await commandFor(orderId, 'inventory.release-stock'), StockReleased, { orderId });
    await eventually(async () => expect((await order(orderId)).history.map((entry: { type: string }) => entry.type)).toContain('OrderCompensated'));
    expect(await service.app.get(DataSource).query(`SELECT needs_attention FROM order_view WHERE order_id = $1`, [orderId])).toEqual([{ needs_attention: false }]);
  });

  it('answers the same order for the same Idempotency-Key, even to concurrent requests; another body with it is refused', async () => {
    const key = randomUUID();
    const body = { customerId: 'customer-idem', lines: [{ sku: 'BOX-S', quantity: 1 }], destination: 'Manchester' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => place(body).set('Idempotency-Key', key)));

    expect(new Set(answers.map((answer) => answer.body.orderId)).size).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
    expect((await request(service.url).get('/orders').query({ customerId: 'customer-idem' })).body.items).toHaveLength(1);
    expect((await place({ ...body, destination: 'Berlin' }).set('Idempotency-Key', key)).status).toBe(422);
  });

  it.each([
    [{ customerId: 'c', lines: [{ sku: 'BOX-S', quantity: 0 }], destination: 'X' }, /quantity/],
    [{ customerId: 'c', lines: [], destination: 'X' }, /lines/],
    [{ customerId: 'c', lines: [{ sku: 'BOX-S', quantity: 1 }], destination: 'X', status: 'DELIVERED' }, /status should not exist/],
    [{ lines: [{ sku: 'BOX-S', quantity: 1 }], destination: 'X' }, /customerId/],
  ])('answers 400 saying what is wrong with %j', async (body, message) => {
    const answer = await place(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(answer.body.message)).toMatch(message);
  });

  it('lists newest first, by customer and status, page by page with a cursor that survives new orders', async () => {
    const customerId = `customer-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await place({ customerId, lines: [{ sku: 'BOX-S', quantity: 1 }], destination: 'Manchester' })).body.orderId);

    const first = (await request(service.url).get('/orders').query({ customerId, limit: 2 })).body;
    await place({ customerId, lines: [{ sku: 'BOX-S', quantity: 1 }], destination: 'Manchester' }); // arrives between pages
    const second = (await request(service.url).get('/orders').query({ customerId, limit: 2, cursor: first.nextCursor })).body;
    const third = (await request(service.url).get('/orders').query({ customerId, limit: 2, cursor: second.nextCursor })).body;

    expect([...first.items, ...second.items, ...third.items].map((item: { orderId: string }) => item.orderId)).toEqual([...ids].reverse());
    expect(third.nextCursor).toBeNull();
    expect((await request(service.url).get('/orders').query({ customerId, status: 'DELIVERED' })).body.items).toEqual([]);
    expect((await request(service.url).get('/orders').query({ cursor: 'garbage' })).status).toBe(400);
    expect((await request(service.url).get(`/orders/${randomUUID()}`)).status).toBe(404);
    expect((await request(service.url).get('/orders/not-a-uuid')).status).toBe(400);
  });
});

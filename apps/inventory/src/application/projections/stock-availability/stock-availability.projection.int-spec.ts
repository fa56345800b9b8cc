// The stock view behind GET /stock/{sku} (docs/patterns/cqrs.md), on the real Kafka broker and
// PostgreSQL: read-your-writes with the projector stopped, levels arriving twice and out of order, and
// a rebuild from the event topics that ends where the live view is.
import { newFlow, StockLevelChanged, Topics, type Envelope, type PayloadOf } from '@waybill/contracts';
import { ReadModels } from '@waybill/platform';
import { rebuildProjection } from '@waybill/read-models';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually } from '@waybill/testing';
import { Kafka, type Producer } from 'kafkajs';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { InventoryModule } from '../../../inventory.module';
import { inventoryService } from '../../../inventory.service-definition';
import { aSku, SagaCommandMother as Command } from '../../../testing/saga-command.mother';
import { seedDemoCatalogue } from '../../seed-demo-catalogue';
import { stockAvailabilityProjection } from './stock-availability.projection';

describe('the stock view (stock-availability)', () => {
  let service: ServiceUnderTest;
  let kafka: Kafka;
  let producer: Producer;
  let database: DataSource;

  beforeAll(async () => {
    service = await startServiceUnderTest(inventoryService, (env) => InventoryModule.register(env));
    kafka = new Kafka({ clientId: 'inventory-view-test', brokers: service.topics.brokers, logLevel: 0 });
    producer = kafka.producer();
    await producer.connect();
    database = service.app.get(DataSource);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
  });

  const stockOf = async (sku: string) => (await request(service.url).get(`/stock/${sku}`).expect(200)).body;
  const receive = (sku: string, quantity: number) => request(service.url).post(`/stock/${sku}/receipts`).send({ quantity }).expect(200);
  const statusOf = async (orderId: string): Promise<string | undefined> =>
    (await database.query(`SELECT status FROM reservations WHERE order_id = $1`, [orderId]))[0]?.status;
  const viewLag = () => service.viewLag(stockAvailabilityProjection);
  /** Once every level on Kafka is in the view (and the outbox is empty of unpublished ones). */
  const caughtUp = () =>
    eventually(async () => {
      expect(await database.query(`SELECT 1 FROM outbox WHERE published_at IS NULL`)).toEqual([]);
      expect(await viewLag()).toBe(0);
    });
  /** Levels straight onto the topic, keyed by SKU as inventory keys them: a redelivery, a late copy, a replayed dead letter. */
  const publishLevels = (...levels: Envelope<PayloadOf<typeof StockLevelChanged>>[]) =>
    producer.send({
      topic: `${service.topics.prefix}${Topics.inventory.events}`,
      messages: levels.map((level) => ({ key: level.payload.sku, value: JSON.stringify(level) })),
    });
  const wholeView = () => database.query(`SELECT * FROM stock_availability ORDER BY sku`);

  it('answers a change as soon as it commits (read-your-writes), without the projector', async () => {
    const readModels = service.app.get(ReadModels);
    const checkpoints = () => database.query(`SELECT topic, partition, next_offset FROM projection_checkpoints ORDER BY topic, partition`);
    const before = await checkpoints();
    // With the projector stopped, only the commands themselves can put a level in the view.
    const [tent, stove] = [aSku('TENT'), aSku('STOVE')];
    await readModels.beforeApplicationShutdown();
    try {

      await receive(tent, 5);
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 5, reserved: 0, available: 5 });
      await receive(tent, 3);
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 8, reserved: 0, available: 8 });
      await receive(stove, 2);

      // A reservation handled from Kafka: the moment its transaction has committed, the view shows it.
      const reserve = Command.reserve([
        { sku: tent, quantity: 6 },
        { sku: stove, quantity: 2 },
      ]);
      await service.publish(reserve);
      await eventually(async () => expect(await statusOf(reserve.payload.orderId)).toBe('RESERVED'));
      expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 8, reserved: 6, available: 2 });
      expect(await stockOf(stove)).toEqual({ sku: stove, onHand: 2, reserved: 2, available: 0 });

      expect(await checkpoints()).toEqual(before); // the projector applied none of it
    } finally {
      await readModels.onApplicationBootstrap();
    }
    // Back from Kafka, the same levels change nothing.
    await caughtUp();
    const view = await database.query(`SELECT sku, on_hand, reserved FROM stock_availability WHERE sku = ANY($1) ORDER BY on_hand`, [[tent, stove]]);
    expect(view).toEqual([
      { sku: stove, on_hand: 2, reserved: 2 },
      { sku: tent, on_hand: 8, reserved: 6 },
    ]);
  });

  it('keeps the newest level whatever order the levels arrive in, and however many times', async () => {
    const [lamp, bottle] = [aSku('LAMP'), aSku('BOTTLE')];
    const lampAt = new Map([1, 2, 3, 5].map((v) => [v, StockLevelChanged.create({ sku: lamp, onHand: 10 * v, reserved: v, stockVersion: v }, newFlow())]));

    // Never heard of before: the first level creates the row, only newer ones replace it.
    await publishLevels(lampAt.get(2)!, lampAt.get(5)!, lampAt.get(3)!, lampAt.get(5)!, lampAt.get(1)!);
    // Known from a receipt (listed at version 1, received at 2): its level again, and an older one, come late.
    await receive(bottle, 7);
    const [{ envelope }] = await database.query(`SELECT envelope FROM outbox WHERE message_key = $1`, [bottle]);
    await publishLevels(JSON.parse(envelope), StockLevelChanged.create({ sku: bottle, onHand: 0, reserved: 0, stockVersion: 1 }, newFlow()));

    await caughtUp();
    expect(await stockOf(lamp)).toEqual({ sku: lamp, onHand: 50, reserved: 5, available: 45 });
    expect(await stockOf(bottle)).toEqual({ sku: bottle, onHand: 7, reserved: 0, available: 7 });
    const versionOf = async (sku: string) => (await database.query(`SELECT stock_version FROM stock_availability WHERE sku = $1`, [sku]))[0].stock_version;
    expect([await versionOf(lamp), await versionOf(bottle)]).toEqual([5, 2]);
  });

  it('rebuilds from the event topics into the very view that is live, and a second rebuild changes nothing', async () => {
    await seedDemoCatalogue(database);
    const [tent, stove] = [aSku('TENT'), aSku('STOVE')];
    await receive(tent, 10);
    await receive(stove, 4);
    const shipped = Command.reserve([
      { sku: tent, quantity: 3 },
      { sku: stove, quantity: 1 },
    ]);
    const cancelled = Command.reserve([{ sku: tent, quantity: 2 }]);
    const held = Command.reserve([{ sku: 'FILTER-H2O', quantity: 2 }]);
    await service.publish(shipped, cancelled, held, Command.commit(shipped.payload.orderId), Command.release(cancelled.payload.orderId));
    await eventually(async () =>
      expect([await statusOf(shipped.payload.orderId), await statusOf(cancelled.payload.orderId), await statusOf(held.payload.orderId)]).toEqual([
        'COMMITTED',
        'RELEASED',
        'RESERVED',
      ]),
    );
    await caughtUp();
    const live = await wholeView();
    // The live view shows the write model's counts (besides the levels the test above published by hand).
    const write = await database.query(`SELECT sku, on_hand, reserved, version FROM stock_items ORDER BY sku`);
    const shown = await database.query(
      `SELECT sku, on_hand, reserved, stock_version AS version FROM stock_availability WHERE sku IN (SELECT sku FROM stock_items) ORDER BY sku`,
    );
    expect(shown).toEqual(write);

    const rebuild = () =>
      rebuildProjection({
        projection: stockAvailabilityProjection,
        service: inventoryService.name,
        kafka,
        dataSource: database,
        topicPrefix: service.topics.prefix,
        logger: pino({ level: 'silent' }),
      });
    const first = await rebuild();
    expect(first.eventsReplayed).toBeGreaterThanOrEqual(write.length); // it really replayed the topic
    expect(await wholeView()).toEqual(live);

    await rebuild();
    expect(await wholeView()).toEqual(live);
    expect(await stockOf(tent)).toEqual({ sku: tent, onHand: 7, reserved: 0, available: 7 });
  });
});

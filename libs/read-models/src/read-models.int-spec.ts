// The projector and the rebuild (docs/patterns/cqrs.md) against the real Kafka broker and PostgreSQL,
// with a deliberately simple view: how many times each order's StockReserved events were applied.
// Its `apply` is NOT idempotent on purpose (it increments a counter), so any event applied twice shows
// up as a 2: what keeps it at 1 is the checkpoint, which is what these tests are about. The services'
// real views are idempotent on top of that (apps/*/src/application/projections).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { newFlow, StockReleased, StockReserved, Topics, type Envelope } from '@waybill/contracts';
import { DeadLetterHeaders } from '@waybill/dead-letters';
import { addToOutbox, CreateOutbox1763769500000 } from '@waybill/outbox';
import { eventually, freshDatabase, freshTopics, readTopic, testInfrastructureFromEnv, type FreshDatabase, type FreshTopics } from '@waybill/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import pino from 'pino';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addToEventSet, CreateProjectionCheckpoints1763769500003, projectionLag, projectNow, ProjectionConsumer, rebuildProjection, viewTransaction, type Projection } from './index';

const EVENTS = Topics.inventory.events;
/** An order whose events the toy projection cannot take: a stand-in for a bug in a projection. */
const CURSED_ORDER = '00000000-0000-4000-8000-00000000dead';

class CreateToyView implements MigrationInterface {
  name = 'CreateToyView1000000000000';
  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE reservations_seen (order_id uuid PRIMARY KEY, times_applied int NOT NULL, released boolean NOT NULL DEFAULT false)`);
  }
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reservations_seen`);
  }
}

const toyView: Projection = {
  name: 'reservations-seen',
  topics: [EVENTS],
  tables: ['reservations_seen'],
  async apply(view, event) {
    const { orderId } = event.payload as { orderId: string };
    if (orderId === CURSED_ORDER) throw new Error('the toy projection cannot take this order');
    if (event.type === StockReserved.type) {
      await view.query(
        `INSERT INTO ${view.table('reservations_seen')} (order_id, times_applied) VALUES ($1, 1)
         ON CONFLICT (order_id) DO UPDATE SET times_applied = ${view.table('reservations_seen')}.times_applied + 1`,
        [orderId],
      );
    }
    if (event.type === StockReleased.type) {
      await view.query(`UPDATE ${view.table('reservations_seen')} SET released = true WHERE order_id = $1`, [orderId]);
    }
  },
};

const silent = pino({ level: 'silent' });
const orderOf = (event: Envelope): string => (event.payload as { orderId: string }).orderId;
const reserved = (orderId = randomUUID()): Envelope => StockReserved.create({ orderId, lines: [{ sku: 'SKU-1', quantity: 1 }] }, newFlow(orderId));

describe('read models: the projector and the rebuild', () => {
  let database: FreshDatabase;
  let topics: FreshTopics;
  let kafka: Kafka;
  let producer: Producer;
  const running: ProjectionConsumer[] = [];

  const publish = async (...events: Envelope[]) => {
    await producer.send({
      topic: `${topics.prefix}${EVENTS}`,
      messages: events.map((event) => ({ key: orderOf(event), value: JSON.stringify(event) })),
    });
  };
  const view = async (): Promise<Array<{ order_id: string; times_applied: number; released: boolean }>> =>
    database.dataSource.query(`SELECT order_id, times_applied, released FROM reservations_seen ORDER BY order_id`);
  const startProjector = async (groupId = `toy-${randomUUID()}`) => {
    const consumer = new ProjectionConsumer({
      projection: toyView,
      kafka,
      dataSource: database.dataSource,
      groupId,
      topicPrefix: topics.prefix,
      logger: silent,
      retry: { attempts: 3, initialDelayMs: 20 },
    });
    running.push(consumer);
    await consumer.start();
    return consumer;
  };
  const lag = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await projectionLag(admin, database.dataSource.manager, toyView, topics.prefix)).events;
    } finally {
      await admin.disconnect();
    }
  };

  beforeEach(async () => {
    database = await freshDatabase('read_models', [CreateOutbox1763769500000, CreateProjectionCheckpoints1763769500003, CreateToyView]);
    topics = await freshTopics();
    kafka = new Kafka({ clientId: 'read-models-test', brokers: testInfrastructureFromEnv().kafkaBrokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
    await producer.disconnect();
    await database.drop();
    await topics.drop();
  });

  it('applies each event once, moves the checkpoint with the view, and reports no lag once caught up', async () => {
    const events = Array.from({ length: 30 }, () => reserved());
    await publish(...events);
    await startProjector();

    await eventually(async () => expect(await view()).toHaveLength(30));
    expect((await view()).every((row) => row.times_applied === 1)).toBe(true);
    await eventually(async () => expect(await lag()).toBe(0));
  });

  it('skips what is below the checkpoint when Kafka delivers it again (a new group reads from the beginning)', async () => {
    await publish(...Array.from({ length: 10 }, () => reserved()));
    const first = await startProjector('toy-first');
    await eventually(async () => expect(await view()).toHaveLength(10));
    await first.stop();

    // A group with no committed offsets starts at the beginning: every event is delivered again.
    await startProjector('toy-second');
    await publish(reserved());
    await eventually(async () => expect(await view()).toHaveLength(11));

    expect((await view()).map((row) => row.times_applied)).toEqual(Array(11).fill(1));
  });

  it('parks a schema-invalid event and an event the projection keeps failing on, and goes on with the rest', async () => {
    const before = reserved();
    const after = reserved();
    await publish(before);
    await producer.send({ topic: `${topics.prefix}${EVENTS}`, messages: [{ key: orderOf(before), value: '{"not":"an envelope"}' }] });
    await publish(reserved(CURSED_ORDER), after);
    await startProjector('toy-dlq');

    await eventually(async () => expect((await view()).map((row) => row.order_id).sort()).toEqual([before, after].map(orderOf).sort()));
    const letters = await readTopic(`${topics.prefix}${EVENTS}.dlq`, { count: 2 });
    expect(letters.map((letter) => letter.headers[DeadLetterHeaders.reason]).sort()).toEqual(['HANDLER_FAILED', 'SCHEMA_INVALID']);
    expect(letters.every((letter) => letter.headers[DeadLetterHeaders.consumerGroup] === 'toy-dlq')).toBe(true);
    expect(letters.find((letter) => letter.headers[DeadLetterHeaders.reason] === 'HANDLER_FAILED')!.headers[DeadLetterHeaders.attempts]).toBe('3');
    await eventually(async () => expect(await lag()).toBe(0)); // the checkpoint moved past both
  });

  it('rebuilds into shadow tables and swaps them in: the rebuilt view equals the live one, while events keep arriving', async () => {
    await publish(...Array.from({ length: 200 }, () => reserved()));
    await startProjector('toy-live');
    await eventually(async () => expect(await view()).toHaveLength(200));

    // Keep writing during the rebuild, as a running platform would.
    let writing = true;
    let written = 200;
    const writer = (async () => {
      while (writing) {
        await publish(reserved());
        written++;
        await sleep(5);
      }
    })();
    const report = await rebuildProjection({ projection: toyView, service: 'test', kafka, dataSource: database.dataSource, topicPrefix: topics.prefix, logger: silent });
    writing = false;
    await writer;

    expect(report.eventsReplayed).toBeGreaterThanOrEqual(200);
    await eventually(async () => expect(await view()).toHaveLength(written));
    expect((await view()).every((row) => row.times_applied === 1)).toBe(true); // nothing lost, nothing applied twice across the swap
    const tables: Array<{ table_name: string }> = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'reservations_seen%'`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(['reservations_seen']); // no shadow or retired table left behind
  });

  it('keeps what a command applied at once (read-your-writes) even when a rebuild swaps in before the event reaches Kafka', async () => {
    await startProjector('toy-ryw');
    const own = reserved();
    // The service's own event: in the outbox (no relay runs here, so it never reaches Kafka) and applied to the live view at once.
    await database.dataSource.transaction(async (tx) => {
      await addToOutbox(tx, { envelope: own, key: orderOf(own) });
      await projectNow(tx, [toyView], [own]);
    });
    expect(await view()).toEqual([{ order_id: orderOf(own), times_applied: 1, released: false }]);

    const report = await rebuildProjection({ projection: toyView, service: 'test', kafka, dataSource: database.dataSource, topicPrefix: topics.prefix, logger: silent });

    expect(report.eventsFromOutbox).toBe(1);
    expect(await view()).toEqual([{ order_id: orderOf(own), times_applied: 1, released: false }]);
  });

  it('refuses a second rebuild of the same view while one runs', async () => {
    await publish(...Array.from({ length: 50 }, () => reserved()));
    const options = { projection: toyView, service: 'test', kafka, dataSource: database.dataSource, topicPrefix: topics.prefix, logger: silent };
    const results = await Promise.allSettled([rebuildProjection(options), rebuildProjection(options)]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/already running/);
    expect(await view()).toHaveLength(50);
  });

  it('makes writers of one key take turns, so the second folds the first one’s event too (addToEventSet)', async () => {
    await database.dataSource.query(
      `CREATE TABLE toy_events (event_id uuid PRIMARY KEY, order_id uuid NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL, payload jsonb NOT NULL)`,
    );
    const orderId = randomUUID();
    const [first, second] = [reserved(orderId), reserved(orderId)];
    const options = { table: 'toy_events', keyColumn: 'order_id', key: orderId, serialise: 'per-key' } as const;

    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    const firstTransaction = database.dataSource.transaction(async (tx) => {
      expect((await addToEventSet(viewTransaction(tx), first, options))!.map((event) => event.id)).toEqual([first.id]);
      await firstHolds; // not committed yet
    });
    await sleep(100);
    let secondSaw: string[] | undefined;
    const secondTransaction = database.dataSource.transaction(async (tx) => {
      secondSaw = (await addToEventSet(viewTransaction(tx), second, options))!.map((event) => event.id);
    });
    await sleep(300);
    expect(secondSaw).toBeUndefined(); // waiting for its turn: without it, it would fold [second] alone

    releaseFirst();
    await Promise.all([firstTransaction, secondTransaction]);
    expect(secondSaw!.sort()).toEqual([first.id, second.id].sort());
    await database.dataSource.transaction(async (tx) => expect(await addToEventSet(viewTransaction(tx), first, options)).toBeUndefined()); // a duplicate
  });
});

// What a read model's projector costs (docs/patterns/cqrs.md), measured in one run on one machine, over
// the same N events on one topic, with a view shaped like the order view (each event stored by id, the
// order's row recomputed from its events: three statements per event):
//
//   (a) raw consume   a kafkajs consumer reading the N events and only parsing them (group join included);
//   (b) raw SQL       the view's own statements for the N events, straight from memory, in transactions of
//                     the batch size the projector gets from Kafka, three streams at once as the projector
//                     handles three partitions at once (no Kafka, no checkpoint, no lock);
//   (c) rebuild       rebuildProjection of the view from the topic (shadow tables, replay, swap), and how
//                     long it held writers back;
//   (d) catch-up      a live projector starting from nothing (checkpoint, view lock, Kafka batches);
//   (e) lag           with the live projector running, events published at a steady rate for a few
//                     seconds; per event, publish → applied to the view (inside the projector's
//                     transaction, just before its commit): p50 and p99.
//   ratio = (c) / min((a), (b)): how much of the slower raw part the rebuild keeps.
//
//   npm run bench:read-model [-- --events 50000 --lag-seconds 10 --lag-rate 500]
//
// It boots its own Kafka and PostgreSQL as the integration tests do (or uses KAFKA_BROKERS / DATABASE_URL),
// and removes what it created when it ends. The last line is the summary:
//   read-model: rebuild <R> ev/s, catch-up <C> ev/s, raw-consume <K> ev/s, raw-sql <S> ev/s, ratio <X>, p99 lag <L> ms at <rate> ev/s
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALL_TOPICS, newFlow, StockReleased, StockReserved, Topics, type Envelope } from '@waybill/contracts';
import { ensureTopics } from '@waybill/local-infra';
import { CreateProjectionCheckpoints1763769500003, ProjectionConsumer, rebuildProjection, viewTransaction, type Projection } from '@waybill/read-models';
import { startTestInfrastructure } from '@waybill/testing';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

const TOPIC = Topics.inventory.events;
const EVENTS_PER_ORDER = 5;
const SQL_BATCH = 500; // about what one Kafka fetch hands the projector here
const PARTITIONS = 3; // of the topic, and partitions the projector handles at once

const say = (message: string): void => console.log(`[bench] ${message}`);
const round = (value: number): number => Math.round(value);

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at >= 0 ? process.argv[at + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${raw}"`);
  return value;
}

const cleanups: Array<{ what: string; undo: () => Promise<unknown> }> = [];
async function cleanUp(): Promise<void> {
  for (const { what, undo } of cleanups.splice(0).reverse()) {
    await undo().catch((error: unknown) => say(`cleanup: ${what} failed: ${(error as Error).message}`));
  }
}

class CreateBenchView implements MigrationInterface {
  name = 'CreateBenchView1000000000000';
  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE bench_view_events (event_id uuid PRIMARY KEY, order_id uuid NOT NULL, type text NOT NULL, payload jsonb NOT NULL)`);
    await db.query(`CREATE INDEX ON bench_view_events (order_id)`);
    await db.query(`CREATE TABLE bench_view (order_id uuid PRIMARY KEY, events int NOT NULL, released boolean NOT NULL)`);
  }
  async down(): Promise<void> {}
}

/** When each event of the lag run was published, by id; `applied` gets the delay as the projector applies it. */
const publishedAt = new Map<string, number>();
const lags: number[] = [];

/** Shaped like the order view: keep the event by id, fold the order's events into its row. */
const benchView: Projection = {
  name: 'bench-view',
  topics: [TOPIC],
  tables: ['bench_view_events', 'bench_view'],
  async apply(view, event) {
    const orderId = (event.payload as { orderId: string }).orderId;
    const inserted = await view.query(
      `INSERT INTO ${view.table('bench_view_events')} (event_id, order_id, type, payload) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING event_id`,
      [event.id, orderId, event.type, JSON.stringify(event.payload)],
    );
    if (inserted.length === 0) return;
    const events = await view.query<{ type: string }>(`SELECT type FROM ${view.table('bench_view_events')} WHERE order_id = $1`, [orderId]);
    await view.query(
      `INSERT INTO ${view.table('bench_view')} (order_id, events, released) VALUES ($1, $2, $3)
       ON CONFLICT (order_id) DO UPDATE SET events = EXCLUDED.events, released = EXCLUDED.released`,
      [orderId, events.length, events.some((candidate) => candidate.type === StockReleased.type)],
    );
    const sent = publishedAt.get(event.id);
    if (sent !== undefined) lags.push(performance.now() - sent);
  },
};

function eventsFor(count: number): Envelope[] {
  const orders = Array.from({ length: Math.ceil(count / EVENTS_PER_ORDER) }, () => randomUUID());
  return Array.from({ length: count }, (_, i) => {
    const orderId = orders[Math.floor(i / EVENTS_PER_ORDER)]!;
    return i % EVENTS_PER_ORDER === EVENTS_PER_ORDER - 1
      ? StockReleased.create({ orderId }, newFlow(orderId))
      : StockReserved.create({ orderId, lines: [{ sku: `SKU-${i % 50}`, quantity: 1 + (i % 3) }] }, newFlow(orderId));
  });
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function main(): Promise<void> {
  const count = Math.round(option('events', 50_000));
  const lagSeconds = option('lag-seconds', 10);
  const lagRate = option('lag-rate', 500);

  say('starting Kafka and PostgreSQL (as the integration tests do)…');
  const infrastructure = await startTestInfrastructure(process.env, (message) => say(message));
  cleanups.push({ what: 'stop infrastructure', undo: () => infrastructure.stop() });
  const run = randomBytes(4).toString('hex');
  const prefix = `bench${run}.`;
  const created = await ensureTopics(infrastructure.kafkaBrokers, ALL_TOPICS.filter((topic) => topic.name === TOPIC || topic.name === `${TOPIC}.dlq`), prefix);
  const kafka = new Kafka({ clientId: 'waybill-bench', brokers: infrastructure.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  cleanups.push({ what: 'delete topics', undo: () => admin.deleteTopics({ topics: created }).finally(() => admin.disconnect()) });

  const schema = `bench_read_model_${run}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: infrastructure.adminDatabaseUrl,
    schema,
    migrations: [CreateProjectionCheckpoints1763769500003, CreateBenchView],
    extra: { options: `-c search_path=${schema}`, max: 12 },
  });
  await dataSource.initialize();
  cleanups.push({ what: 'drop schema', undo: () => dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => dataSource.destroy()) });
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  await dataSource.runMigrations();

  const events = eventsFor(count);
  say(`publishing ${count} events (${Math.ceil(count / EVENTS_PER_ORDER)} orders × ${EVENTS_PER_ORDER}) to ${prefix}${TOPIC} (not measured)…`);
  const producer = kafka.producer();
  await producer.connect();
  cleanups.push({ what: 'disconnect producer', undo: () => producer.disconnect() });
  for (let i = 0; i < events.length; i += 1_000) {
    await producer.send({
      topic: `${prefix}${TOPIC}`,
      messages: events.slice(i, i + 1_000).map((event) => ({ key: (event.payload as { orderId: string }).orderId, value: JSON.stringify(event) })),
    });
  }

  // (a) -----------------------------------------------------------------------------------------------
  say('(a) raw consume…');
  const rawConsume = await rawConsumeRate(kafka, `${prefix}${TOPIC}`, count);
  say(`(a) raw consume: ${round(rawConsume)} ev/s`);

  // (b) -----------------------------------------------------------------------------------------------
  say('(b) raw SQL: the view’s statements, no Kafka…');
  let started = performance.now();
  // One stream per partition; an order's events stay in one stream, as they stay in one partition.
  const streams = Array.from({ length: PARTITIONS }, (_, stream) => events.filter((_, i) => Math.floor(i / EVENTS_PER_ORDER) % PARTITIONS === stream));
  await Promise.all(
    streams.map(async (stream) => {
      for (let i = 0; i < stream.length; i += SQL_BATCH) {
        await dataSource.transaction(async (tx) => {
          const view = viewTransaction(tx);
          for (const event of stream.slice(i, i + SQL_BATCH)) await benchView.apply(view, event);
        });
      }
    }),
  );
  const rawSql = count / ((performance.now() - started) / 1000);
  say(`(b) raw SQL: ${round(rawSql)} ev/s`);
  await dataSource.query(`TRUNCATE bench_view_events, bench_view`);

  // (c) -----------------------------------------------------------------------------------------------
  say('(c) rebuild from the topic…');
  const logger = pino({ level: 'warn' });
  const report = await rebuildProjection({ projection: benchView, service: 'bench', kafka, dataSource, topicPrefix: prefix, logger, progress: (line) => say(`(c) ${line}`) });
  const rebuild = report.eventsReplayed / (report.replayMs / 1000);
  say(
    `(c) rebuild: ${round(rebuild)} ev/s (${report.eventsReplayed} events in ${report.replayMs} ms, group join and swap included; ` +
      `writers held back ${report.swapMs} ms; ${report.durationMs} ms in all, leaving the consumer group included)`,
  );
  await verifyView(dataSource, count);

  // (d) -----------------------------------------------------------------------------------------------
  say('(d) live projector catching up from nothing…');
  await dataSource.query(`TRUNCATE bench_view_events, bench_view`);
  await dataSource.query(`DELETE FROM projection_checkpoints`);
  let applied = 0;
  const live = new ProjectionConsumer({ projection: benchView, kafka, dataSource, groupId: `bench-live-${run}`, topicPrefix: prefix, logger, onApplied: (n) => (applied += n) });
  started = performance.now();
  await live.start();
  cleanups.push({ what: 'stop projector', undo: () => live.stop() });
  while (applied < count && performance.now() - started < 600_000) await sleep(5);
  const catchUp = count / ((performance.now() - started) / 1000);
  say(`(d) catch-up: ${round(catchUp)} ev/s (consumer group join included)`);
  await verifyView(dataSource, count);

  // (e) -----------------------------------------------------------------------------------------------
  const lagEvents = eventsFor(Math.round(lagRate * lagSeconds));
  say(`(e) lag: publishing ${lagEvents.length} events at ${lagRate} ev/s, one message per send…`);
  started = performance.now();
  for (let i = 0; i < lagEvents.length; i++) {
    const due = started + (i * 1000) / lagRate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const event = lagEvents[i]!;
    publishedAt.set(event.id, performance.now());
    await producer.send({ topic: `${prefix}${TOPIC}`, messages: [{ key: (event.payload as { orderId: string }).orderId, value: JSON.stringify(event) }] });
  }
  while (lags.length < lagEvents.length && performance.now() - started < lagSeconds * 1000 + 60_000) await sleep(10);
  const p50 = percentile(lags, 50);
  const p99 = percentile(lags, 99);
  say(`(e) publish → applied: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${lags.length} events`);

  const ratio = rebuild / Math.min(rawConsume, rawSql);
  console.log(
    `read-model: rebuild ${round(rebuild)} ev/s, catch-up ${round(catchUp)} ev/s, raw-consume ${round(rawConsume)} ev/s, raw-sql ${round(rawSql)} ev/s, ratio ${ratio.toFixed(2)}, p99 lag ${p99.toFixed(1)} ms at ${lagRate} ev/s`,
  );
}

async function rawConsumeRate(kafka: Kafka, topic: string, count: number): Promise<number> {
  const started = performance.now(); // group join included, as in (c) and (d)
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) JSON.parse(message.value!.toString()); // the projector parses too
      seen += batch.messages.length;
    },
  });
  while (seen < count && performance.now() - started < 300_000) await sleep(2);
  const ms = performance.now() - started;
  await consumer.disconnect();
  return count / (ms / 1000);
}

async function verifyView(dataSource: DataSource, count: number): Promise<void> {
  const [{ events, orders }] = await dataSource.query(`SELECT (SELECT count(*)::int FROM bench_view_events) AS events, (SELECT count(*)::int FROM bench_view) AS orders`);
  const expectedOrders = Math.ceil(count / EVENTS_PER_ORDER);
  if (events !== count || orders !== expectedOrders) throw new Error(`the view is wrong: ${events} events, ${orders} orders (expected ${count}, ${expectedOrders})`);
}

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
main()
  .catch((error: Error) => {
    console.error(`[bench] failed: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());

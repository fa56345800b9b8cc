// The outbox relay (docs/patterns/outbox.md) proven against the real Kafka broker and PostgreSQL: what a
// transaction commits reaches Kafka, what it rolls back never does, one key's messages keep their order,
// and every failure between the database and Kafka (a relay crash, two relays, a late commit, a broker or
// database restart) ends with nothing lost. Where a failure makes duplicates the expected outcome
// (at-least-once delivery), the test proves they are exactly the republished batch, under the same
// message ids, so the consumers' inbox drops them (exactly-once effect).
//
// Every test counts: nothing more and nothing less than what was written may arrive, and every row
// must end marked published. Nothing is skipped when infrastructure is missing: the harness throws.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALL_TOPICS, MESSAGE_CATALOG, messageName, newFlow, ReserveStock, StockReserved, Topics } from '@waybill/contracts';
import { ensureTopics, findFreePort, findRepoRoot, LocalKafkaBroker, LocalPostgres } from '@waybill/local-infra';
import { eventually, freshDatabase, freshTopics, readTopic, type ReadMessage } from '@waybill/testing';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { addToOutbox, CreateOutbox1763769500000, OutboxRelay, type OutboxEntry, type OutboxRelayOptions } from './index';

const EVENTS = Topics.inventory.events;
const COMMANDS = Topics.inventory.commands;
/** What the relay logs when a pass fails and it starts over; tests count these to prove a failure happened. */
const INTERRUPTED = 'outbox relay interrupted; retrying in 1 s';

// ---------------------------------------------------------------------------------------------------
// Writing: the way services do it, through addToOutbox inside a TypeORM transaction.

/** A W3C trace context, as an HTTP request or a handled message would have carried it in. */
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** One order's fact; `n` tells an order's messages apart, so their order can be checked. */
function stockReserved(orderId: string, n: number, traceparent?: string): OutboxEntry {
  const cause = { ...newFlow(orderId), ...(traceparent ? { traceparent } : {}) };
  return { key: orderId, envelope: StockReserved.create({ orderId, lines: [{ sku: `SKU-${n}`, quantity: n }] }, cause) };
}

/** A command on another topic, to prove each message goes to its own contract's topic. */
function reserveStock(orderId: string): OutboxEntry {
  return { key: orderId, envelope: ReserveStock.create({ orderId, lines: [{ sku: 'SKU-1', quantity: 1 }] }, newFlow(orderId)) };
}

async function commit(dataSource: DataSource, entries: OutboxEntry[]): Promise<void> {
  await dataSource.transaction((manager) => addToOutbox(manager, ...entries));
}

/**
 * Writes `count` StockReserved over `orders` (round robin), `perTransaction` to a transaction, one
 * transaction after another; returns them in write order.
 */
async function writeMessages(
  dataSource: DataSource,
  { count, orders, perTransaction }: { count: number; orders: string[]; perTransaction: number },
): Promise<OutboxEntry[]> {
  const written = Array.from({ length: count }, (_, i) => stockReserved(orders[i % orders.length], i + 1));
  for (let i = 0; i < written.length; i += perTransaction) await commit(dataSource, written.slice(i, i + perTransaction));
  return written;
}

const someOrders = (count: number): string[] => Array.from({ length: count }, () => randomUUID());
const idsOf = (entries: OutboxEntry[]): string[] => entries.map((entry) => entry.envelope.id);

// ---------------------------------------------------------------------------------------------------
// Looking: the outbox table and the topics.

async function outboxState(dataSource: DataSource): Promise<{ total: number; published: number }> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS total, count(published_at)::int AS published FROM outbox`);
  return row;
}

/** Waits until the outbox holds exactly `total` rows, all marked published. */
async function allMarkedPublished(dataSource: DataSource, total: number, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => expect(await outboxState(dataSource)).toEqual({ total, published: total }), { timeoutMs });
}

/** A topic's messages in the order a consumer of each partition sees them. */
function inLogOrder(messages: ReadMessage[]): ReadMessage[] {
  return [...messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** Message ids per key, in order. */
function idsByKey(items: Array<{ key: string | null; id: string }>): Record<string, string[]> {
  const byKey: Record<string, string[]> = {};
  for (const { key, id } of items) (byKey[String(key)] ??= []).push(id);
  return byKey;
}

/** What the consumers' inbox does: keeps the first delivery of each message id, drops the rest. */
function firstDeliveries(messages: ReadMessage[]): { first: ReadMessage[]; duplicates: ReadMessage[] } {
  const seen = new Set<string>();
  const first: ReadMessage[] = [];
  const duplicates: ReadMessage[] = [];
  for (const message of inLogOrder(messages)) {
    const id = message.headers['message-id'];
    (seen.has(id) ? duplicates : first).push(message);
    seen.add(id);
  }
  return { first, duplicates };
}

/**
 * Every written message exactly once: nothing missing, nothing extra, nothing twice; each on its
 * contract's topic, keyed by its order, its envelope as written, with exactly the headers message-id,
 * message-type and (when the message was written within a trace) traceparent; and each key's messages
 * in the order they were written.
 */
function expectExactlyOnceInOrder(received: ReadMessage[], written: OutboxEntry[], topicPrefix: string): void {
  const ids = received.map((message) => message.headers['message-id']);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(idsOf(written).sort());

  const byId = new Map(written.map((entry) => [entry.envelope.id, entry]));
  for (const message of received) {
    const entry = byId.get(message.headers['message-id'])!;
    const name = messageName(entry.envelope);
    const { traceparent } = entry.envelope;
    expect({ topic: message.topic, key: message.key, headers: message.headers, envelope: JSON.parse(message.value ?? 'null') }).toEqual({
      topic: `${topicPrefix}${MESSAGE_CATALOG.get(name)!.topic}`,
      key: entry.key,
      headers: { 'message-id': entry.envelope.id, 'message-type': name, ...(traceparent ? { traceparent } : {}) },
      envelope: entry.envelope,
    });
  }

  const receivedOrder = idsByKey(inLogOrder(received).map((message) => ({ key: message.key, id: message.headers['message-id'] })));
  const writtenOrder = idsByKey(written.map((entry) => ({ key: entry.key, id: entry.envelope.id })));
  expect(receivedOrder).toEqual(writtenOrder);
}

// ---------------------------------------------------------------------------------------------------
// Running relays, and cleaning up after every test whatever happened.

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => errors.push(error));
  if (errors.length > 0) throw errors[0];
}, 90_000);

interface RelayLog {
  lines: Array<{ level: number; msg: string; err?: { message: string } }>;
  interruptions(): Array<{ msg: string; err?: { message: string } }>;
}

/** The relay's log, kept in memory: a failing assertion can show it, and a test can count interruptions. */
function memoryLog(): { logger: pino.Logger; log: RelayLog } {
  const lines: RelayLog['lines'] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, log: { lines, interruptions: () => lines.filter((line) => line.msg === INTERRUPTED) } };
}

interface Target {
  databaseUrl: string;
  schema: string;
  brokers: string[];
  topicPrefix: string;
}

async function startRelay(target: Target, options: Partial<OutboxRelayOptions> = {}): Promise<{ relay: OutboxRelay; log: RelayLog }> {
  const { logger, log } = memoryLog();
  const relay = new OutboxRelay({
    databaseUrl: target.databaseUrl,
    schema: target.schema,
    topicPrefix: target.topicPrefix,
    // The production client's settings (libs/platform), minus the noise: retries and timeouts as shipped.
    kafka: new Kafka({ clientId: 'outbox-relay-spec', brokers: target.brokers, logLevel: logLevel.NOTHING }),
    logger,
    ...options,
  });
  await relay.start();
  cleanups.push(() => relay.stop());
  return { relay, log };
}

/** A fresh schema with the outbox, and the platform's topics under a fresh prefix, on the shared infrastructure. */
async function sharedOutbox(label: string): Promise<{ dataSource: DataSource; target: Target; topic: (name: string) => string }> {
  const database = await freshDatabase(label, [CreateOutbox1763769500000]);
  cleanups.push(() => database.drop());
  const topics = await freshTopics();
  cleanups.push(() => topics.drop());
  return {
    dataSource: database.dataSource,
    target: { databaseUrl: database.databaseUrl, schema: database.schema, brokers: topics.brokers, topicPrefix: topics.prefix },
    topic: (name) => `${topics.prefix}${name}`,
  };
}

/** A private folder under .waybill/test for a test's own broker or cluster; removed afterwards. */
async function privateDir(label: string): Promise<string> {
  const parent = join(findRepoRoot(), '.waybill', 'test');
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, `${label}-`));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
  await chmod(dir, 0o755);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------------

describe('outbox relay', () => {
  it('publishes what committed transactions wrote, in order per key, with id, type and trace headers, marks it published, and publishes nothing of a rolled-back one', async () => {
    const { dataSource, target, topic } = await sharedOutbox('relay_basic');
    // A poll a minute away: what arrives within seconds was woken by the commit's NOTIFY.
    await startRelay(target, { pollIntervalMs: 60_000 });
    const orders = someOrders(5);

    const written: OutboxEntry[] = [];
    const rolledBack: OutboxEntry[] = [];
    for (let t = 0; t < 10; t++) {
      const entries = [
        stockReserved(orders[t % 5], 2 * t + 1),
        stockReserved(orders[(t + 1) % 5], 2 * t + 2, t % 3 === 0 ? TRACEPARENT : undefined), // written within a trace
        stockReserved(orders[t % 5], 100 + t),
      ];
      if (t % 2 === 0) entries.push(reserveStock(orders[t % 5]));
      await commit(dataSource, entries);
      written.push(...entries);
      if (t === 4) {
        const doomed = [stockReserved(orders[0], 999), reserveStock(orders[1])];
        await expect(
          dataSource.transaction(async (manager) => {
            await addToOutbox(manager, ...doomed);
            throw new Error('the business rule failed after the messages were added');
          }),
        ).rejects.toThrow('the business rule failed');
        rolledBack.push(...doomed);
      }
    }
    const events = written.filter((entry) => entry.envelope.type === StockReserved.type);
    const commands = written.filter((entry) => entry.envelope.type === ReserveStock.type);
    expect([events.length, commands.length]).toEqual([30, 5]);
    expect(events.filter((entry) => entry.envelope.traceparent === TRACEPARENT)).toHaveLength(4);

    await allMarkedPublished(dataSource, written.length, 15_000);
    const [onEvents, onCommands] = await Promise.all([
      readTopic(topic(EVENTS), { count: events.length, settleMs: 2_000 }),
      readTopic(topic(COMMANDS), { count: commands.length, settleMs: 2_000 }),
    ]);
    expectExactlyOnceInOrder(onEvents, events, target.topicPrefix);
    expectExactlyOnceInOrder(onCommands, commands, target.topicPrefix);

    const rows: Array<{ message_id: string }> = await dataSource.query(`SELECT message_id FROM outbox ORDER BY position`);
    expect(rows.map((row) => row.message_id)).toEqual(idsOf(written));
    const everywhere = new Set([...onEvents, ...onCommands].map((message) => message.headers['message-id']));
    expect(idsOf(rolledBack).filter((id) => everywhere.has(id))).toEqual([]);
  });

  it('publishes rows committed while no relay ran (a crash between commit and publish) once a relay starts, exactly once', async () => {
    const { dataSource, target, topic } = await sharedOutbox('relay_late_start');
    const written = await writeMessages(dataSource, { count: 40, orders: someOrders(4), perTransaction: 4 });
    await sleep(500);
    expect(await outboxState(dataSource)).toEqual({ total: 40, published: 0 });

    await startRelay(target, { pollIntervalMs: 60_000 }); // its first pass looks without being woken

    await allMarkedPublished(dataSource, 40);
    expectExactlyOnceInOrder(await readTopic(topic(EVENTS), { count: 40, settleMs: 2_000 }), written, target.topicPrefix);
  });

  it('republishes the batch it crashed on after publishing and before marking: the duplicates are exactly that batch, under the same ids, and every row ends marked', async () => {
    const { dataSource, target, topic } = await sharedOutbox('relay_crash_mark');
    const written = await writeMessages(dataSource, { count: 120, orders: someOrders(6), perTransaction: 10 });
    let crashedOn: string[] | undefined;

    const { log } = await startRelay(target, {
      batchSize: 50,
      afterPublishBeforeMark: (ids) => {
        if (crashedOn) return;
        crashedOn = ids;
        throw new Error('crash: published, not yet marked');
      },
    });

    await allMarkedPublished(dataSource, 120);
    expect(crashedOn).toEqual(idsOf(written.slice(0, 50))); // the first batch, by position
    expect(log.interruptions().map((line) => line.err?.message)).toEqual(['crash: published, not yet marked']);

    const received = await readTopic(topic(EVENTS), { count: 170, timeoutMs: 30_000, settleMs: 2_000 });
    expect(received).toHaveLength(170);
    const { first, duplicates } = firstDeliveries(received);
    expectExactlyOnceInOrder(first, written, target.topicPrefix);
    expect(duplicates.map((message) => message.headers['message-id']).sort()).toEqual([...crashedOn!].sort());
    const original = new Map(first.map((message) => [message.headers['message-id'], message]));
    for (const duplicate of duplicates) {
      const copy = original.get(duplicate.headers['message-id'])!;
      expect({ key: duplicate.key, value: duplicate.value, partition: duplicate.partition }).toEqual({ key: copy.key, value: copy.value, partition: copy.partition });
    }
  });

  describe('two relays on one schema', () => {
    it('publishes every message exactly once and in order per key while both run: one leads, the other stands by', async () => {
      const { dataSource, target, topic } = await sharedOutbox('relay_pair');
      const relays = [await startRelay(target), await startRelay(target)];

      // Three writers at once, each owning its orders: an order's transactions never overlap, as the
      // aggregate's row lock guarantees in the services.
      const written = (
        await Promise.all([0, 1, 2].map(() => writeMessages(dataSource, { count: 100, orders: someOrders(4), perTransaction: 2 })))
      ).flat();

      await allMarkedPublished(dataSource, 300);
      const received = await readTopic(topic(EVENTS), { count: 300, timeoutMs: 30_000, settleMs: 2_000 });
      expectExactlyOnceInOrder(received, written, target.topicPrefix);
      expect(relays.map(({ relay }) => relay.published).sort((a, b) => a - b)).toEqual([0, 300]);
    });

    it('hands over to the standby when the publishing relay stops, losing nothing', async () => {
      const { dataSource, target, topic } = await sharedOutbox('relay_failover');
      const relays = [await startRelay(target, { pollIntervalMs: 200 }), await startRelay(target, { pollIntervalMs: 200 })];
      const orders = someOrders(3);
      const before = await writeMessages(dataSource, { count: 30, orders, perTransaction: 3 });
      await allMarkedPublished(dataSource, 30);
      const leader = relays.find(({ relay }) => relay.published === 30)!;
      const standby = relays.find((candidate) => candidate !== leader)!;
      expect(standby.relay.published).toBe(0);

      await leader.relay.stop(); // its session ends, and with it the advisory lock
      const after = await writeMessages(dataSource, { count: 30, orders, perTransaction: 3 });

      await allMarkedPublished(dataSource, 60);
      expect([leader.relay.published, standby.relay.published]).toEqual([30, 30]);
      const received = await readTopic(topic(EVENTS), { count: 60, settleMs: 2_000 });
      expectExactlyOnceInOrder(received, [...before, ...after], target.topicPrefix);
    });
  });

  it('publishes a transaction that commits after a later one: its earlier position is not skipped', async () => {
    const { dataSource, target, topic } = await sharedOutbox('relay_late_commit');
    await startRelay(target);
    const [a, b] = [stockReserved(randomUUID(), 1), stockReserved(randomUUID(), 1)];

    const slow = dataSource.createQueryRunner();
    await slow.connect();
    cleanups.push(async () => {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    });
    await slow.startTransaction();
    await addToOutbox(slow.manager, a); // A takes its position now, and stays uncommitted
    await commit(dataSource, [b]); // B takes a later one, and commits first

    await allMarkedPublished(dataSource, 1);
    const whileAOpen = await readTopic(topic(EVENTS), { count: 1, settleMs: 1_500 });
    expect(whileAOpen.map((message) => message.headers['message-id'])).toEqual([b.envelope.id]);

    await slow.commitTransaction();

    await allMarkedPublished(dataSource, 2);
    const positions: Array<{ message_id: string }> = await dataSource.query(`SELECT message_id FROM outbox ORDER BY position`);
    expect(positions.map((row) => row.message_id)).toEqual([a.envelope.id, b.envelope.id]); // the gap really was there
    expectExactlyOnceInOrder(await readTopic(topic(EVENTS), { count: 2, settleMs: 2_000 }), [a, b], target.topicPrefix);
  });

  it('deletes published rows older than the retention, keeps younger ones, and leaves Kafka alone', async () => {
    // A relay prunes on its first pass after it starts, then at most once a minute: a second relay is
    // how this test gets a pruning pass within seconds (see the report on pruneNowAndThen).
    const { dataSource, target, topic } = await sharedOutbox('relay_prune');
    const orders = someOrders(2);
    const first = await startRelay(target, { retainPublishedMs: 2_000 });
    const old = await writeMessages(dataSource, { count: 10, orders, perTransaction: 5 });
    await allMarkedPublished(dataSource, 10);
    await first.relay.stop();
    await sleep(2_500); // the old rows are now past their retention

    const young = await writeMessages(dataSource, { count: 10, orders, perTransaction: 5 });
    await startRelay(target, { retainPublishedMs: 2_000 });

    await eventually(async () => {
      const rows: Array<{ message_id: string; published: boolean }> = await dataSource.query(
        `SELECT message_id, published_at IS NOT NULL AS published FROM outbox ORDER BY position`,
      );
      expect(rows).toEqual(idsOf(young).map((id) => ({ message_id: id, published: true })));
    });
    expectExactlyOnceInOrder(await readTopic(topic(EVENTS), { count: 20, settleMs: 2_000 }), [...old, ...young], target.topicPrefix);
  });

  describe('when the infrastructure restarts', () => {
    it('publishes what was written while the Kafka broker was down once it is back: none lost, none twice', async () => {
      const dir = await privateDir('outbox-kafka');
      const ports = { port: await findFreePort(), controllerPort: await findFreePort() };
      const startBroker = () => LocalKafkaBroker.start({ ...ports, dataDir: dir, heapMb: 256 }); // the shared broker runs too
      let broker = await startBroker();
      cleanups.push(() => broker.stop());
      await ensureTopics(broker.brokers, [...ALL_TOPICS]);
      const database = await freshDatabase('relay_kafka_restart', [CreateOutbox1763769500000]);
      cleanups.push(() => database.drop());
      const { dataSource } = database;
      const { log } = await startRelay({ databaseUrl: database.databaseUrl, schema: database.schema, brokers: broker.brokers, topicPrefix: '' });
      const orders = someOrders(5);

      const before = await writeMessages(dataSource, { count: 20, orders, perTransaction: 2 });
      await allMarkedPublished(dataSource, 20);

      await broker.stop();
      const during = await writeMessages(dataSource, { count: 30, orders, perTransaction: 3 });
      // Longer than the producer's own retries (about 10 s with kafkajs's defaults): the relay's pass
      // fails, and the relay has to start over by itself.
      await sleep(15_000);
      expect(await outboxState(dataSource)).toEqual({ total: 50, published: 20 }); // really waiting for Kafka

      broker = await startBroker();
      await allMarkedPublished(dataSource, 50, 90_000);
      const after = await writeMessages(dataSource, { count: 20, orders, perTransaction: 2 });
      await allMarkedPublished(dataSource, 70);

      const received = await readTopic(EVENTS, { brokers: broker.brokers, count: 70, timeoutMs: 30_000, settleMs: 2_000 });
      expectExactlyOnceInOrder(received, [...before, ...during, ...after], '');
      expect(log.interruptions().length).toBeGreaterThan(0); // the relay did meet the outage
    }, 240_000); // two cold starts of a JVM broker on two cores

    it('reconnects after PostgreSQL restarts and publishes what is written afterwards', async () => {
      const dir = await privateDir('outbox-postgres');
      const port = await findFreePort();
      const startPostgres = () => LocalPostgres.start({ port, dataDir: join(dir, 'data'), persistent: true });
      let postgres = await startPostgres();
      cleanups.push(() => postgres.stop());
      const schema = 'relay_pg_restart';
      const open = async (): Promise<DataSource> => {
        const dataSource = new DataSource({
          type: 'postgres',
          url: postgres.adminUrl,
          schema,
          migrations: [CreateOutbox1763769500000],
          extra: { options: `-c search_path=${schema}` },
        });
        await dataSource.initialize();
        await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await dataSource.runMigrations();
        return dataSource;
      };
      let dataSource = await open();
      cleanups.push(() => (dataSource.isInitialized ? dataSource.destroy() : Promise.resolve()));
      const topics = await freshTopics();
      cleanups.push(() => topics.drop());
      const { relay, log } = await startRelay({ databaseUrl: postgres.adminUrl, schema, brokers: topics.brokers, topicPrefix: topics.prefix });
      const orders = someOrders(4);

      const before = await writeMessages(dataSource, { count: 20, orders, perTransaction: 2 });
      await allMarkedPublished(dataSource, 20);

      await dataSource.destroy();
      await postgres.stop();
      await sleep(2_500); // the relay's passes fail meanwhile
      postgres = await startPostgres();
      dataSource = await open();

      const after = await writeMessages(dataSource, { count: 20, orders, perTransaction: 2 });
      await allMarkedPublished(dataSource, 40);
      expect(relay.published).toBe(40);
      const received = await readTopic(`${topics.prefix}${EVENTS}`, { count: 40, settleMs: 2_000 });
      expectExactlyOnceInOrder(received, [...before, ...after], topics.prefix);
      expect(log.interruptions().length).toBeGreaterThan(0); // the relay did lose its session
    }, 120_000);
  });
});

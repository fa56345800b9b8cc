// What the transactional outbox costs (docs/patterns/outbox.md), measured in one run on one machine:
//
//   (a) raw producer  the kafkajs idempotent producer alone, sending N messages in batches the way the
//                     relay does (same values, keys, headers, batch size, acks, one request in flight);
//                     run before and after (b), the better of the two counting;
//   (b) outbox relay  N rows committed to the outbox beforehand; a relay starts; the time until all N
//                     are marked published. ratio = (b) / (a): how much of Kafka's speed the outbox keeps;
//   (c) latency       at half of (b)'s rate, writers commit one message per transaction for ~10 s while a
//                     consumer records when each arrives; p50 and p99 of arrival − commit (the writer's
//                     COMMIT returned), with arrival − occurredAt (the write itself included) beside it.
//                     Writers and consumer run in worker threads, as they would in other services, so
//                     the relay's event loop is its own; each stage of a message's way is timed.
//
//   npm run bench:outbox [-- --messages 50000 --latency-seconds 10 --latency-rate <msg/s, default half the relay's>]
//
// It boots its own Kafka and PostgreSQL exactly as the integration tests do (startTestInfrastructure:
// embedded, or containers when Docker answers), or uses KAFKA_BROKERS / DATABASE_URL when they are set,
// and removes everything it created (schema, topics, servers) when it ends, Ctrl-C included.
// The last line of output is the summary, for people and scripts alike:
//   outbox-relay: <N> msg/s, raw-producer: <M> msg/s, ratio <R>, p99 <L> ms
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ALL_TOPICS, messageName, newFlow, StockReserved, Topics } from '@waybill/contracts';
import { ensureTopics } from '@waybill/local-infra';
import { addToOutbox, CreateOutbox1763769500000, OutboxRelay, type OutboxEntry } from '@waybill/outbox';
import { startTestInfrastructure } from '@waybill/testing';
import { Kafka, logLevel, type Producer, type ProducerBatch } from 'kafkajs';
import { Client } from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';

const BATCH_SIZE = 500; // the relay's default; the raw producer sends batches of the same size
const ORDERS = 1_000; // distinct keys, spread over the topic's partitions as real orders are
const TOPIC = Topics.inventory.events;

const say = (message: string): void => console.log(`[bench] ${message}`);
/** Milliseconds since the epoch with sub-millisecond precision, comparable across worker threads. */
const clock = (): number => performance.timeOrigin + performance.now();
const round = (value: number): number => Math.round(value);

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  const raw = inline ? inline.split('=')[1] : at >= 0 ? process.argv[at + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${raw}"`);
  return value;
}

/** Things to undo, newest first; run once whether the bench ends, fails or is interrupted. */
const cleanups: Array<{ what: string; undo: () => Promise<unknown> }> = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const { what, undo } of cleanups.splice(0).reverse()) {
      await undo().catch((error: unknown) => say(`cleanup: ${what} failed: ${(error as Error).message}`));
    }
  })();
  return cleaning;
}

// ---------------------------------------------------------------------------------------------------
// Where the relay spends its time: its own pg session's SELECT and UPDATE, and the producer's sendBatch.
// The relay is measured as it ships; these wrappers only watch its calls go by.

interface Timing {
  calls: number;
  ms: number;
}
type Timings = Record<'select' | 'update' | 'sendBatch', Timing>;
const noTimings = (): Timings => ({ select: { calls: 0, ms: 0 }, update: { calls: 0, ms: 0 }, sendBatch: { calls: 0, ms: 0 } });
let timings = noTimings();

/**
 * The life of each message of the latency run, by id (clock(), comparable across threads): committed
 * (the writer's COMMIT returned), selected (the relay's SELECT returned it), sent (its sendBatch began),
 * acked (its sendBatch returned: published), consumed (the consumer got it).
 */
interface Stamps {
  committed?: number;
  selected?: number;
  sent?: number;
  acked?: number;
  consumed?: number;
}
let stamps: Map<string, Stamps> | undefined;
const stamp = (id: string, what: keyof Stamps, at: number): void => {
  if (!stamps) return;
  const entry = stamps.get(id) ?? {};
  entry[what] ??= at;
  stamps.set(id, entry);
};

function watchRelayQueries(): void {
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = prototype.query;
  prototype.query = function watchedQuery(this: Client, ...args: unknown[]): unknown {
    const text = typeof args[0] === 'string' ? args[0] : '';
    const kind = /^\s*SELECT position, message_id/.test(text) ? 'select' : /^\s*UPDATE outbox SET published_at/.test(text) ? 'update' : undefined;
    const started = clock();
    const result = query.apply(this, args);
    if (kind && result instanceof Promise) {
      void result.then(
        (answer: { rows?: Array<{ message_id?: string }> }) => {
          const now = clock();
          timings[kind].calls++;
          timings[kind].ms += now - started;
          if (kind === 'select') for (const row of answer.rows ?? []) if (row.message_id) stamp(row.message_id, 'selected', now);
        },
        () => undefined,
      );
    }
    return result;
  };
  cleanups.push({ what: 'unwatch pg', undo: async () => void (prototype.query = query) });
}

/** A Kafka client whose producers time each sendBatch. */
function watchedKafka(brokers: string[], clientId: string): Kafka {
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer.bind(kafka);
  kafka.producer = (config) => {
    const created = producer(config);
    const sendBatch = created.sendBatch.bind(created);
    created.sendBatch = async (batch: ProducerBatch) => {
      const started = clock();
      const ids = (batch.topicMessages ?? []).flatMap(({ messages }) => messages.map((message) => String(message.headers?.['message-id'])));
      for (const id of ids) stamp(id, 'sent', started);
      try {
        return await sendBatch(batch);
      } finally {
        const now = clock();
        timings.sendBatch.calls++;
        timings.sendBatch.ms += now - started;
        for (const id of ids) stamp(id, 'acked', now);
      }
    };
    return created;
  };
  return kafka;
}

function describeTimings(wallMs: number, messages: number): string {
  const part = (name: keyof Timings) => {
    const { calls, ms } = timings[name];
    return `${name} ${round(ms)} ms (${round((100 * ms) / wallMs)}%, ${calls} calls, ${(ms / Math.max(calls, 1)).toFixed(2)} ms each)`;
  };
  const busy = timings.select.ms + timings.update.ms + timings.sendBatch.ms;
  const passes = Math.max(timings.sendBatch.calls, 1);
  const rest =
    busy <= wallMs
      ? `rest (wake-ups, JSON, event loop) ${round(wallMs - busy)} ms`
      : `the three overlap: together ${round((100 * busy) / wallMs)}% of the wall time`; // a relay that marks while it sends
  return `${part('select')}; ${part('sendBatch')}; ${part('update')}; ${rest}; ${(messages / passes).toFixed(1)} messages per batch`;
}

// ---------------------------------------------------------------------------------------------------

function stockReserved(orderId: string, n: number): OutboxEntry {
  return { key: orderId, envelope: StockReserved.create({ orderId, lines: [{ sku: `SKU-${n % 100}`, quantity: 1 + (n % 9) }] }, newFlow(orderId)) };
}

/** (a) The producer alone: the same batches the relay would send for `entries`. */
async function rawProducerRate(producer: Producer, topic: string, entries: OutboxEntry[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < entries.length; i += BATCH_SIZE) {
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic,
          messages: entries.slice(i, i + BATCH_SIZE).map(({ envelope, key }) => ({
            key,
            value: JSON.stringify(envelope),
            headers: { 'message-id': envelope.id, 'message-type': messageName(envelope) },
          })),
        },
      ],
    });
  }
  return entries.length / ((performance.now() - started) / 1000);
}

/** Commits `entries` through addToOutbox, `perTransaction` at a time, `writers` transactions at once. */
async function prewrite(dataSource: DataSource, entries: OutboxEntry[], perTransaction: number, writers: number): Promise<void> {
  let next = 0;
  const writer = async () => {
    for (;;) {
      const slice = entries.slice(next, (next += perTransaction));
      if (slice.length === 0) return;
      await dataSource.transaction((manager) => addToOutbox(manager, ...slice));
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

async function unpublished(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL`);
  return count;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** p50 / p99 / max of `values`, in ms. */
function spread(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] };
}
const show = ({ p50, p99, max }: { p50: number; p99: number; max: number }): string => `p50 ${p50.toFixed(1)}, p99 ${p99.toFixed(1)}, max ${max.toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------------
// Worker threads: the latency run's writers and consumer. This same file runs in them (workerData.role).

type WorkerJob =
  | { role: 'consumer'; brokers: string[]; topic: string; groupId: string }
  | { role: 'writer'; databaseUrl: string; schema: string; orders: string[]; rate: number; seconds: number; writers: number };
type WorkerEvent =
  | { type: 'ready' }
  | { type: 'consumed'; items: Array<[id: string, at: number, sinceOccurredAt: number]> }
  | { type: 'committed'; items: Array<[id: string, at: number]> }
  | { type: 'done'; written: number; ms: number }
  | { type: 'failed'; error: string };

/**
 * Runs `job` in a worker thread: `ready` when it can start, `done` when it has finished its work
 * (a writer) or ended; `stop()` asks it to end and ends it after 5 s if it has not.
 */
function startWorker(job: WorkerJob, onEvent: (event: WorkerEvent) => void): { ready: Promise<void>; done: Promise<void>; stop(): Promise<void> } {
  const worker = new Worker(__filename, { workerData: job });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let markReady!: () => void;
  let markDone!: () => void;
  let fail!: (error: Error) => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<void>((resolve, reject) => {
    markDone = resolve;
    fail = reject;
  });
  worker.on('message', (event: WorkerEvent) => {
    if (event.type === 'ready') markReady();
    else if (event.type === 'failed') fail(new Error(`${job.role} worker: ${event.error}`));
    else {
      onEvent(event);
      if (event.type === 'done') markDone();
    }
  });
  worker.once('error', (error) => fail(error));
  void exited.then(() => fail(new Error(`${job.role} worker ended before its work was done`)));
  done.catch(() => undefined); // whoever awaits `done` sees a failure; nobody else has to
  let stopping: Promise<void> | undefined;
  return {
    ready: Promise.race([ready, done.then(() => undefined)]),
    done,
    stop: () =>
      (stopping ??= (async () => {
        worker.postMessage('stop');
        await Promise.race([exited, sleep(5_000)]);
        await worker.terminate();
      })()),
  };
}

async function runWorker(job: WorkerJob): Promise<void> {
  const post = (event: WorkerEvent) => parentPort!.postMessage(event);
  let stopRequested = false;
  const stopped = new Promise<void>((resolve) => parentPort!.once('message', () => ((stopRequested = true), resolve())));
  if (job.role === 'consumer') {
    const consumer = new Kafka({ clientId: 'waybill-bench-consumer', brokers: job.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: job.groupId });
    let arrivals: Array<[string, number, number]> = [];
    const flush = setInterval(() => arrivals.length > 0 && post({ type: 'consumed', items: arrivals.splice(0) }), 20);
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: [job.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false, // it only watches: an offset commit after every fetch would delay the next one
      eachMessage: async ({ message }) => {
        const at = clock();
        const envelope = JSON.parse(message.value!.toString()) as { id: string; occurredAt: string };
        arrivals.push([envelope.id, at, at - Date.parse(envelope.occurredAt)]);
      },
    });
    await joined;
    post({ type: 'ready' });
    await stopped;
    await consumer.disconnect();
    clearInterval(flush);
    post({ type: 'consumed', items: arrivals });
    arrivals = [];
    post({ type: 'done', written: 0, ms: 0 });
    return;
  }
  const dataSource = new DataSource({
    type: 'postgres',
    url: job.databaseUrl,
    schema: job.schema,
    extra: { options: `-c search_path=${job.schema}`, max: job.writers },
  });
  await dataSource.initialize();
  post({ type: 'ready' });
  let commits: Array<[string, number]> = [];
  const flush = setInterval(() => commits.length > 0 && post({ type: 'committed', items: commits.splice(0) }), 20);
  // Open loop: message i is due at start + i/rate whatever happened before; writers that fall behind
  // write as fast as they can. Writing stops after `seconds` even if the rate was not reached.
  const started = performance.now();
  const until = started + job.seconds * 1000;
  let next = 0;
  let written = 0;
  const writer = async () => {
    for (let i = next++; !stopRequested; i = next++) {
      const due = started + (i * 1000) / job.rate;
      if (due >= until || performance.now() >= until) return;
      const wait = due - performance.now();
      if (wait >= 1) await sleep(wait);
      const entry = stockReserved(job.orders[i % job.orders.length], i); // occurredAt = now, just before the transaction
      await dataSource.transaction((manager) => addToOutbox(manager, entry));
      commits.push([entry.envelope.id, clock()]);
      written++;
    }
  };
  await Promise.all(Array.from({ length: job.writers }, writer));
  const ms = performance.now() - started;
  clearInterval(flush);
  post({ type: 'committed', items: commits });
  commits = [];
  await dataSource.destroy();
  post({ type: 'done', written, ms });
}

async function main(): Promise<void> {
  const messages = Math.round(option('messages', 50_000));
  const latencySeconds = option('latency-seconds', 10);
  const startedAll = performance.now();

  say('starting Kafka and PostgreSQL (as the integration tests do)…');
  const infrastructure = await startTestInfrastructure(process.env, (message) => say(message));
  cleanups.push({ what: 'stop infrastructure', undo: () => infrastructure.stop() });
  say(`infrastructure: ${infrastructure.describe}`);

  const run = randomBytes(4).toString('hex');
  const prefixes = { warmUp: `bench${run}.warm.`, raw: `bench${run}.raw.`, relay: `bench${run}.relay.`, latency: `bench${run}.latency.` };
  const definition = ALL_TOPICS.filter((topic) => topic.name === TOPIC);
  const created = (await Promise.all(Object.values(prefixes).map((prefix) => ensureTopics(infrastructure.kafkaBrokers, definition, prefix)))).flat();
  cleanups.push({
    what: 'delete topics',
    undo: async () => {
      const admin = new Kafka({ clientId: 'waybill-bench', brokers: infrastructure.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      await admin.deleteTopics({ topics: created }).finally(() => admin.disconnect());
    },
  });
  say(`topics: ${created.join(', ')} (${definition[0].partitions} partitions each)`);

  const schema = `bench_outbox_${run}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: infrastructure.adminDatabaseUrl,
    schema,
    migrations: [CreateOutbox1763769500000],
    extra: { options: `-c search_path=${schema}`, max: 24 },
  });
  await dataSource.initialize();
  cleanups.push({ what: 'drop schema', undo: () => dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => dataSource.destroy()) });
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  await dataSource.runMigrations();
  say(`schema: ${schema}`);

  const orders = Array.from({ length: ORDERS }, () => randomUUID());
  const entries = Array.from({ length: messages }, (_, i) => stockReserved(orders[i % ORDERS], i));
  const bytes = JSON.stringify(entries[0].envelope).length;
  say(`${messages} messages of ~${bytes} bytes over ${ORDERS} keys, batches of ${BATCH_SIZE}`);

  // (a) ------------------------------------------------------------------------------------------
  const producer = new Kafka({ clientId: 'waybill-bench-raw', brokers: infrastructure.kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
    idempotent: true,
    maxInFlightRequests: 1, // as the relay's producer
  });
  await producer.connect();
  cleanups.push({ what: 'disconnect raw producer', undo: () => producer.disconnect() });
  say('warming up the broker (not measured)…');
  await rawProducerRate(producer, `${prefixes.warmUp}${TOPIC}`, entries.slice(0, Math.min(messages, 10_000)));
  say('(a) raw kafkajs idempotent producer…');
  const rawBefore = await rawProducerRate(producer, `${prefixes.raw}${TOPIC}`, entries);
  say(`(a) raw producer: ${round(rawBefore)} msg/s (measured again after (b); the better run counts)`);

  // (b) ------------------------------------------------------------------------------------------
  say(`(b) committing ${messages} rows to the outbox (not measured)…`);
  await prewrite(dataSource, entries, 100, 4);
  await dataSource.query(`VACUUM ANALYZE outbox`); // as autovacuum would have by now on a running service
  watchRelayQueries();
  timings = noTimings();
  const logger = pino({ level: 'warn' });
  const relay = new OutboxRelay({
    databaseUrl: infrastructure.adminDatabaseUrl,
    schema,
    kafka: watchedKafka(infrastructure.kafkaBrokers, 'waybill-bench-relay'),
    topicPrefix: prefixes.relay,
    logger,
  });
  say('(b) outbox relay: starting it, timing until every row is marked published…');
  const relayStarted = performance.now();
  await relay.start();
  cleanups.push({ what: 'stop relay', undo: () => relay.stop() });
  const giveUpAt = relayStarted + 300_000; // a relay that stalls must not keep the bench running forever
  while (relay.published < messages && performance.now() < giveUpAt) await sleep(2);
  const relayMs = performance.now() - relayStarted;
  await relay.stop();
  const left = await unpublished(dataSource);
  if (left !== 0 || relay.published !== messages) throw new Error(`the relay marked ${relay.published} of ${messages}, ${left} left unpublished`);
  const relayRate = messages / (relayMs / 1000);
  say(`(b) outbox relay: ${round(relayRate)} msg/s (${round(relayMs)} ms for ${messages}, start-up included)`);
  say(`(b) where the relay's time went: ${describeTimings(relayMs, messages)}`);
  // A second raw run under the same conditions as (b): on a shared machine one short run can be unlucky,
  // and taking the better of two keeps the ratio from flattering the relay.
  const rawAfter = await rawProducerRate(producer, `${prefixes.raw}${TOPIC}`, entries);
  const rawRate = Math.max(rawBefore, rawAfter);
  say(`(a) raw producer, second run: ${round(rawAfter)} msg/s; counted: ${round(rawRate)} msg/s`);

  // (c) ------------------------------------------------------------------------------------------
  // The writers and the consumer run in worker threads of their own, as they would in other services:
  // the relay's event loop is its own, and what is measured is the relay, PostgreSQL and Kafka.
  const asked = option('latency-rate', 0);
  const rate = asked > 0 ? Math.round(asked) : Math.max(1, Math.floor(relayRate / 2));
  const writers = Math.min(16, Math.max(2, Math.ceil(rate / 250)));
  say(`(c) latency at ${rate} msg/s (${asked > 0 ? 'as asked' : "half the relay's rate"}): ${writers} writers commit one message per transaction for ${latencySeconds} s…`);
  stamps = new Map();
  const fromOccurredAt: number[] = [];
  const consumedIds = new Set<string>();
  const consumer = startWorker({ role: 'consumer', brokers: infrastructure.kafkaBrokers, topic: `${prefixes.latency}${TOPIC}`, groupId: `bench-${run}` }, (event) => {
    if (event.type !== 'consumed') return;
    for (const [id, at, sinceOccurred] of event.items) {
      if (consumedIds.has(id)) continue; // a duplicate (none expected here): its first arrival counts
      consumedIds.add(id);
      stamp(id, 'consumed', at);
      fromOccurredAt.push(sinceOccurred);
    }
  });
  cleanups.push({ what: 'stop consumer', undo: () => consumer.stop() });
  await consumer.ready;
  const latencyRelay = new OutboxRelay({
    databaseUrl: infrastructure.adminDatabaseUrl,
    schema,
    kafka: watchedKafka(infrastructure.kafkaBrokers, 'waybill-bench-relay'),
    topicPrefix: prefixes.latency,
    logger,
  });
  await latencyRelay.start();
  cleanups.push({ what: 'stop latency relay', undo: () => latencyRelay.stop() });
  await sleep(500); // the relay has taken the lead and waits for notifications
  timings = noTimings();
  const loopDelay = monitorEventLoopDelay({ resolution: 2 }); // samples every 2 ms; the lag is what exceeds that
  loopDelay.enable();

  const writeStarted = performance.now();
  let written = 0;
  let writeMs = 0;
  const writing = startWorker(
    { role: 'writer', databaseUrl: infrastructure.adminDatabaseUrl, schema, orders, rate, seconds: latencySeconds, writers },
    (event) => {
      if (event.type === 'committed') for (const [id, at] of event.items) stamp(id, 'committed', at);
      if (event.type === 'done') [written, writeMs] = [event.written, event.ms];
    },
  );
  cleanups.push({ what: 'stop writers', undo: () => writing.stop() });
  await writing.done;
  const deadline = Date.now() + 30_000;
  while (consumedIds.size < written && Date.now() < deadline) await sleep(10);
  const drainedMs = performance.now() - writeStarted;
  loopDelay.disable();
  if (consumedIds.size !== written) throw new Error(`${consumedIds.size} of ${written} latency messages arrived within 30 s of the last commit`);
  const achieved = written / (writeMs / 1000);
  say(`(c) committed ${written} in ${round(writeMs)} ms: ${round(achieved)} msg/s achieved of ${rate} asked; all consumed after ${round(drainedMs)} ms`);
  if (achieved < 0.95 * rate) {
    say(`(c) note: the writers could not commit ${rate} transactions/s on this machine (one message per transaction); latency was measured at ${round(achieved)} msg/s`);
  }
  const lives = [...stamps.values()];
  const segment = (from: keyof Stamps, to: keyof Stamps) => spread(lives.map((life) => (life[to] ?? NaN) - (life[from] ?? NaN)).filter(Number.isFinite));
  const fromCommit = segment('committed', 'consumed');
  say(`(c) commit-to-consume latency: ${show(fromCommit)}`);
  say(`(c) commit-to-publish (sendBatch acknowledged): ${show(segment('committed', 'acked'))}`);
  say(`(c) occurredAt-to-consume (the write transaction included): ${show(spread(fromOccurredAt))}`);
  say(
    `(c) where the latency goes — commit → selected by the relay (NOTIFY, waiting for the pass in flight, SELECT): ${show(segment('committed', 'selected'))}; ` +
      `selected → sendBatch begins: ${show(segment('selected', 'sent'))}; sendBatch: ${show(segment('sent', 'acked'))}; ` +
      `acked → consumed: ${show(segment('acked', 'consumed'))}`,
  );
  say(`(c) where the relay's time went: ${describeTimings(drainedMs, written)}`);
  const lag = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - 2).toFixed(1);
  say(`(c) the relay's event loop lag: p50 ${lag(loopDelay.percentile(50))}, p99 ${lag(loopDelay.percentile(99))}, max ${lag(loopDelay.max)} ms`);
  const p99 = fromCommit.p99;
  stamps = undefined;
  await writing.stop();
  await consumer.stop();
  await latencyRelay.stop();

  await cleanUp();
  say(`done in ${((performance.now() - startedAll) / 1000).toFixed(1)} s; everything it started is stopped and removed`);
  console.log(`outbox-relay: ${round(relayRate)} msg/s, raw-producer: ${round(rawRate)} msg/s, ratio ${(relayRate / rawRate).toFixed(2)}, p99 ${Math.ceil(p99)} ms`);
}

if (isMainThread) {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      say(`${signal}: cleaning up…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  main().catch(async (error: unknown) => {
    if (interrupted) return; // the cleanup pulled things from under it; the signal handler ends the process
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    await cleanUp();
    process.exit(1);
  });
} else {
  runWorker(workerData as WorkerJob).catch((error: unknown) => parentPort!.postMessage({ type: 'failed', error: (error as Error).stack ?? String(error) } satisfies WorkerEvent));
}

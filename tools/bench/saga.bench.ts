// What an order costs end to end (docs/patterns/saga.md), measured in one run on one machine:
//
//   baselines   PostgreSQL: single-row INSERT transactions per second (8 clients, 5 s);
//               Kafka: a produce → consume round trip, one message at a time (p50/p99 of 300);
//   saturation  a closed loop of clients, each placing an order and waiting for its OrderConfirmed
//               (orders → inventory → orders → routing → orders: five transactions, four Kafka hops);
//               sagas per second once warm;
//   latency     new orders at half that rate for 15 s (an open loop: arrivals do not wait for answers);
//               p99 of POST /orders → OrderConfirmed seen on orders.events.
//
//   npm run bench:saga [-- --clients 32 --seconds 20]
//
// It boots Kafka and PostgreSQL like the integration tests (or uses KAFKA_BROKERS / DATABASE_URL), runs
// the real `npm start` orchestrator (from dist/, which `npm run bench:saga` builds first) on free ports,
// and stops everything when it ends. Last line:
//   saga: <N> sagas/s, p99 <L> ms at <R>/s
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Topics } from '@waybill/contracts';
import { findFreePort, findRepoRoot } from '@waybill/local-infra';
import { startTestInfrastructure, type TestInfrastructure } from '@waybill/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

const say = (message: string): void => console.log(`[bench] ${message}`);
const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

const cleanups: Array<() => Promise<unknown>> = [];
async function cleanUp(): Promise<void> {
  for (const undo of cleanups.splice(0).reverse()) await undo().catch(() => undefined);
}
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));

async function postgresBaseline(adminUrl: string): Promise<number> {
  const setup = new Client({ connectionString: adminUrl });
  await setup.connect();
  await setup.query('CREATE TABLE IF NOT EXISTS bench_baseline (id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
  const clients = await Promise.all(Array.from({ length: 8 }, async () => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    return client;
  }));
  let done = 0;
  const until = Date.now() + 5_000;
  await Promise.all(clients.map(async (client) => {
    while (Date.now() < until) {
      await client.query('BEGIN');
      await client.query('INSERT INTO bench_baseline (id) VALUES ($1)', [randomUUID()]);
      await client.query('COMMIT');
      done++;
    }
  }));
  await Promise.all(clients.map((client) => client.end()));
  await setup.query('DROP TABLE bench_baseline');
  await setup.end();
  return done / 5;
}

async function kafkaRoundTrip(brokers: string[]): Promise<{ p50: number; p99: number }> {
  const kafka = new Kafka({ clientId: 'bench-rtt', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench-rtt-${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-rtt-${randomUUID()}`, maxWaitTimeInMs: 10 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let arrived: (() => void) | undefined;
  await consumer.run({ eachMessage: async () => arrived?.() });
  await sleep(1_000); // the group's first join
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const seen = new Promise<void>((resolve) => (arrived = resolve));
    const started = performance.now();
    await producer.send({ topic, acks: -1, messages: [{ value: String(i) }] });
    await seen;
    samples.push(performance.now() - started);
  }
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function startStack(infrastructure: TestInfrastructure): Promise<Record<string, string>> {
  const root = findRepoRoot();
  const ports: Record<string, number> = {};
  for (const service of ['orders', 'inventory', 'routing', 'notifications']) ports[service] = await findFreePort();
  const stack = spawn(process.execPath, [join(root, 'dist', 'tools', 'stack', 'main.js'), 'start'], {
    env: {
      ...process.env,
      KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
      DATABASE_URL: infrastructure.adminDatabaseUrl,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(ports).map(([service, port]) => [`${service.toUpperCase()}_PORT`, String(port)])),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(async () => {
    const exited = new Promise((resolve) => stack.once('exit', resolve));
    stack.kill('SIGINT');
    await exited;
  });
  let output = '';
  stack.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let waited = 0; !output.includes('Waybill is running'); waited += 250) {
    if (waited > 120_000 || stack.exitCode !== null) throw new Error(`the stack did not start:\n${output}`);
    await sleep(250);
  }
  return Object.fromEntries(Object.entries(ports).map(([service, port]) => [service, `http://127.0.0.1:${port}`]));
}

async function main(): Promise<void> {
  const clients = option('clients', 32);
  const seconds = option('seconds', 20);

  say('starting Kafka and PostgreSQL…');
  const infrastructure = await startTestInfrastructure(process.env, say);
  cleanups.push(() => infrastructure.stop());
  say('baseline: PostgreSQL transactions (8 clients, 5 s)…');
  const pgTps = await postgresBaseline(infrastructure.adminDatabaseUrl);
  say(`  ${Math.round(pgTps)} transactions/s`);
  say('baseline: Kafka produce → consume round trip (300 messages, one at a time)…');
  const rtt = await kafkaRoundTrip(infrastructure.kafkaBrokers);
  say(`  p50 ${rtt.p50.toFixed(1)} ms, p99 ${rtt.p99.toFixed(1)} ms`);

  say('starting the stack (npm start, against the same Kafka and PostgreSQL)…');
  const url = await startStack(infrastructure);
  const sku = `BENCH-${randomUUID().slice(0, 8)}`;
  await fetch(`${url.inventory}/stock/${sku}/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quantity: 1_000_000 }) });
  const network = (await (await fetch(`${url.routing}/network`)).json()) as { depot: string; roads: Array<{ from: string; to: string }> };
  const destination = network.roads.find((road) => road.from === network.depot)?.to ?? network.roads[0].to;

  // Confirmations are seen where every consumer sees them: on orders.events.
  const waiting = new Map<string, (confirmedAt: number) => void>();
  const kafka = new Kafka({ clientId: 'bench-saga', brokers: infrastructure.kafkaBrokers, logLevel: logLevel.NOTHING });
  const watcher = kafka.consumer({ groupId: `bench-saga-${randomUUID()}`, maxWaitTimeInMs: 10 });
  await watcher.connect();
  cleanups.push(() => watcher.disconnect());
  await watcher.subscribe({ topics: [Topics.orders.events], fromBeginning: false });
  await watcher.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value!.toString()) as { type: string; payload: { orderId: string } };
      if (event.type === 'orders.order-confirmed' || event.type === 'orders.order-rejected') waiting.get(event.payload.orderId)?.(performance.now());
    },
  });
  await sleep(2_000);

  /** One saga: POST /orders, then wait for its confirmation; resolves with the latency in ms. */
  async function saga(): Promise<number> {
    const started = performance.now();
    const response = await fetch(`${url.orders}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'bench', lines: [{ sku, quantity: 1 }], destination }),
    });
    const { orderId } = (await response.json()) as { orderId: string };
    const confirmedAt = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`order ${orderId} not confirmed within 60 s`)), 60_000);
      waiting.set(orderId, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
    waiting.delete(orderId);
    return confirmedAt - started;
  }

  say(`saturation: ${clients} clients in a closed loop for ${seconds} s (the first 3 s are warm-up)…`);
  let completed = 0;
  const warmUntil = Date.now() + 3_000;
  const until = warmUntil + seconds * 1_000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < until) {
      await saga();
      if (Date.now() > warmUntil) completed++;
    }
  }));
  const saturation = completed / seconds;
  say(`  ${saturation.toFixed(1)} sagas/s`);

  const rate = Math.max(1, Math.round(saturation / 2));
  say(`latency: ${rate} new orders/s for 15 s (half the saturation rate)…`);
  const latencies: Promise<number>[] = [];
  const start = performance.now();
  for (let i = 0; i < rate * 15; i++) {
    const due = start + (i * 1_000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    latencies.push(saga());
  }
  const samples = await Promise.all(latencies);
  say(`  p50 ${percentile(samples, 50).toFixed(0)} ms, p99 ${percentile(samples, 99).toFixed(0)} ms over ${samples.length} sagas`);
  say(`baselines in the same run: PostgreSQL ${Math.round(pgTps)} tx/s, Kafka round trip p50 ${rtt.p50.toFixed(1)} ms / p99 ${rtt.p99.toFixed(1)} ms`);
  await cleanUp();
  console.log(`saga: ${Math.round(saturation)} sagas/s, p99 ${Math.round(percentile(samples, 99))} ms at ${rate}/s`);
}

main().catch(async (error: Error) => {
  console.error(`bench:saga failed: ${error.message}`);
  await cleanUp();
  process.exit(1);
});

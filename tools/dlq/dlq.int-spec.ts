// `npm run dlq`, against the real broker: letters parked the way the transport parks them can be
// listed and filtered, shown, replayed to their original topic under a new id, and purged.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { newFlow, ReserveStock, Topics } from '@waybill/contracts';
import { DeadLetterHeaders, listDeadLetters, parkDeadLetter, purgeDeadLetters, replayDeadLetters } from '@waybill/dead-letters';
import { freshTopics, readTopicToEnd, type FreshTopics } from '@waybill/testing';
import { Kafka, type Producer } from 'kafkajs';

const root = join(__dirname, '..', '..');

describe('dead-letter tooling', () => {
  let topics: FreshTopics;
  let kafka: Kafka;
  let producer: Producer;
  const commands = () => `${topics.prefix}${Topics.inventory.commands}`;
  const reserve = () => ReserveStock.create({ orderId: randomUUID(), lines: [{ sku: 'SKU-1', quantity: 1 }] }, newFlow());

  beforeAll(async () => {
    topics = await freshTopics();
    kafka = new Kafka({ clientId: 'dlq-test', brokers: topics.brokers, logLevel: 0 });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await topics?.drop();
  });

  const park = (value: string, key: string, reason: 'HANDLER_FAILED' | 'MALFORMED_JSON') =>
    parkDeadLetter(
      producer,
      { topic: commands(), partition: 0, offset: '7', key: Buffer.from(key), value: Buffer.from(value) },
      { reason, error: `it failed: ${reason}`, attempts: 4, firstFailureAt: new Date(), consumerGroup: 'inventory' },
    );

  it('lists, filters, replays under a new id, and purges', async () => {
    const failed = reserve();
    await park(JSON.stringify(failed), failed.payload.orderId, 'HANDLER_FAILED');
    await park('{"broken', 'some-key', 'MALFORMED_JSON');

    const all = await listDeadLetters(kafka, {}, topics.prefix);
    expect(all.map((letter) => letter.reason)).toEqual(['HANDLER_FAILED', 'MALFORMED_JSON']);
    expect(all[0]).toMatchObject({ originalTopic: commands(), messageType: ReserveStock.name, messageId: failed.id, error: 'it failed: HANDLER_FAILED' });
    expect(await listDeadLetters(kafka, { type: ReserveStock.name }, topics.prefix)).toHaveLength(1);
    expect(await listDeadLetters(kafka, { since: new Date(Date.now() + 60_000) }, topics.prefix)).toEqual([]);

    const { replayed, skipped } = await replayDeadLetters(kafka, all);
    expect(replayed.map((letter) => letter.messageId)).toEqual([failed.id]);
    expect(skipped.map((letter) => letter.reason)).toEqual(['MALFORMED_JSON']);
    const [copy] = await readTopicToEnd(commands());
    const replay = JSON.parse(copy.value!);
    expect(replay).toMatchObject({ type: failed.type, payload: failed.payload, correlationId: failed.correlationId, causationId: failed.id });
    expect(replay.id).not.toBe(failed.id);
    expect(copy.headers[DeadLetterHeaders.replayOf]).toBe(failed.id);
    expect(copy.key).toBe(failed.payload.orderId);

    expect(await purgeDeadLetters(kafka, `${commands()}.dlq`)).toBe(2);
    expect(await listDeadLetters(kafka, {}, topics.prefix)).toEqual([]);
  });

  it('answers on the command line', async () => {
    const failed = reserve();
    await park(JSON.stringify(failed), failed.payload.orderId, 'HANDLER_FAILED');
    const build = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    expect(build.status).toBe(0);

    const cli = spawnSync(process.execPath, [join(root, 'dist', 'tools', 'dlq', 'main.js'), 'list', '--reason', 'HANDLER_FAILED'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KAFKA_BROKERS: topics.brokers.join(','), TOPIC_PREFIX: topics.prefix },
    });

    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`${commands()}.dlq:0:`);
    expect(cli.stdout).toContain(ReserveStock.name);
    expect(cli.stdout).toContain('1 dead letter(s)');
  });
});

// Reading, replaying and purging dead letters: what `npm run dlq` does (docs/patterns/dead-letters.md).
// Kafka is the store: a dead-letter topic is read from the beginning by a throwaway consumer group,
// filtered here, and nothing is ever changed in place. Replaying *copies* a letter back to its original
// topic under a new message id; purging deletes a topic's records up to a point in time.
import { randomUUID } from 'node:crypto';
import { envelopeSchema } from '@waybill/contracts';
import type { IHeaders, Kafka } from 'kafkajs';
import { DeadLetterHeaders } from './dead-letter-headers';

export interface DeadLetter {
  /** `<dlq topic>:<partition>:<offset>`: how the CLI names one letter. */
  ref: string;
  dlqTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  reason: string;
  error: string;
  originalTopic: string;
  /** `type.vN` when the value is an envelope, else undefined (e.g. malformed JSON). */
  messageType?: string;
  messageId?: string;
  deadLetteredAt: Date;
}

export interface DeadLetterFilter {
  /** An original topic (unprefixed or prefixed), e.g. `inventory.commands`. */
  topic?: string;
  type?: string;
  reason?: string;
  since?: Date;
  until?: Date;
}

export const isDeadLetterTopic = (topic: string): boolean => topic.endsWith('.dlq');

/** Every dead-letter topic on the cluster (with the given prefix), read to its end, filtered. */
export async function listDeadLetters(kafka: Kafka, filter: DeadLetterFilter = {}, prefix = ''): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix) && isDeadLetterTopic(topic));
    const wanted = filter.topic ? topics.filter((topic) => topic === `${withPrefix(prefix, filter.topic!)}.dlq`) : topics;
    const letters: DeadLetter[] = [];
    for (const topic of wanted) letters.push(...(await readToEnd(kafka, admin, topic)));
    return letters.filter((letter) => matches(letter, filter)).sort((a, b) => a.deadLetteredAt.getTime() - b.deadLetteredAt.getTime());
  } finally {
    await admin.disconnect();
  }
}

/**
 * Sends each letter back to the topic it came from, as a new message: a new id, the original's id as
 * its causation id and in a `replay-of` header, the same correlation id (so it joins its order's
 * story). The dead letter itself stays where it is, as the record of what happened.
 * Letters that are not envelopes (malformed JSON) cannot be replayed and are returned as skipped.
 */
export async function replayDeadLetters(kafka: Kafka, letters: DeadLetter[]): Promise<{ replayed: DeadLetter[]; skipped: DeadLetter[] }> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const replayed: DeadLetter[] = [];
  const skipped: DeadLetter[] = [];
  try {
    for (const letter of letters) {
      const envelope = parseEnvelope(letter.value);
      if (!envelope) {
        skipped.push(letter);
        continue;
      }
      const replay = { ...envelope, id: randomUUID(), causationId: envelope.id, occurredAt: new Date().toISOString() };
      await producer.send({
        topic: letter.originalTopic,
        acks: -1,
        messages: [{ key: letter.key, value: JSON.stringify(replay), headers: { [DeadLetterHeaders.replayOf]: envelope.id, 'message-id': replay.id } }],
      });
      replayed.push(letter);
    }
    return { replayed, skipped };
  } finally {
    await producer.disconnect();
  }
}

/** Deletes the records of one dead-letter topic written before `before` (default: now, i.e. all of them). */
export async function purgeDeadLetters(kafka: Kafka, dlqTopic: string, before: Date = new Date()): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [current, cut] = await Promise.all([admin.fetchTopicOffsets(dlqTopic), admin.fetchTopicOffsetsByTimestamp(dlqTopic, before.getTime())]);
    const partitions = cut.map(({ partition, offset }) => {
      const { high, low } = current.find((entry) => entry.partition === partition)!;
      // "-1": no record at or after the time, so everything up to the end goes.
      return { partition, offset: offset === '-1' ? high : offset, removed: Number(offset === '-1' ? high : offset) - Number(low) };
    });
    await admin.deleteTopicRecords({ topic: dlqTopic, partitions: partitions.map(({ partition, offset }) => ({ partition, offset })) });
    return partitions.reduce((total, partition) => total + Math.max(0, partition.removed), 0);
  } finally {
    await admin.disconnect();
  }
}

async function readToEnd(kafka: Kafka, admin: ReturnType<Kafka['admin']>, topic: string): Promise<DeadLetter[]> {
  const ends = await admin.fetchTopicOffsets(topic);
  const remaining = new Map(ends.filter((end) => Number(end.high) > Number(end.low)).map((end) => [end.partition, end.high]));
  if (remaining.size === 0) return [];
  const groupId = `waybill-dlq-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  const letters: DeadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`reading ${topic} took longer than 30 s`)), 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          letters.push(toDeadLetter(topic, partition, message.offset, message.key, message.value, message.headers));
          if (BigInt(message.offset) + 1n >= BigInt(remaining.get(partition) ?? '0')) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timeout);
            resolve();
          }
        },
      });
    });
    return letters;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined); // leave no reader groups behind
  }
}

function toDeadLetter(topic: string, partition: number, offset: string, key: Buffer | null, value: Buffer | null, rawHeaders: IHeaders = {}): DeadLetter {
  const headers = Object.fromEntries(Object.entries(rawHeaders).map(([name, header]) => [name, header?.toString() ?? '']));
  const envelope = parseEnvelope(value?.toString() ?? null);
  return {
    ref: `${topic}:${partition}:${offset}`,
    dlqTopic: topic,
    partition,
    offset,
    key: key?.toString() ?? null,
    value: value?.toString() ?? null,
    headers,
    reason: headers[DeadLetterHeaders.reason] ?? 'UNKNOWN',
    error: headers[DeadLetterHeaders.error] ?? '',
    originalTopic: headers[DeadLetterHeaders.originalTopic] ?? topic.replace(/\.dlq$/, ''),
    messageType: envelope ? `${envelope.type}.v${envelope.version}` : undefined,
    messageId: envelope?.id,
    deadLetteredAt: new Date(headers[DeadLetterHeaders.deadLetteredAt] ?? 0),
  };
}

function parseEnvelope(value: string | null) {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const withPrefix = (prefix: string, topic: string): string => (topic.startsWith(prefix) ? topic : `${prefix}${topic}`);

function matches(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  if (filter.type && letter.messageType !== filter.type) return false;
  if (filter.reason && letter.reason !== filter.reason) return false;
  if (filter.since && letter.deadLetteredAt < filter.since) return false;
  if (filter.until && letter.deadLetteredAt > filter.until) return false;
  return true;
}

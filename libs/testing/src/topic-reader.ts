import { randomUUID } from 'node:crypto';
import { Kafka, type IHeaders } from 'kafkajs';
import { testInfrastructureFromEnv } from './test-env';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning, as a fresh consumer group, until `count` messages arrived (or
 * `timeoutMs` passed: then it returns what it has, and the test's assertion says what was missing).
 * `settleMs` keeps listening a little longer, so a test can assert that nothing *more* arrived.
 */
export async function readTopic(
  topic: string,
  { count, timeoutMs = 20_000, settleMs = 0, brokers }: { count: number; timeoutMs?: number; settleMs?: number; /** default: the test run's broker */ brokers?: string[] },
): Promise<ReadMessage[]> {
  const kafkaBrokers = brokers ?? testInfrastructureFromEnv().kafkaBrokers;
  const consumer = new Kafka({ clientId: 'waybill-test-reader', brokers: kafkaBrokers, logLevel: 0 }).consumer({ groupId: `reader-${randomUUID()}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          messages.push({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: stringHeaders(message.headers),
          });
          if (messages.length >= count) {
            clearTimeout(deadline);
            setTimeout(resolve, settleMs);
          }
        },
      });
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

function stringHeaders(headers: IHeaders = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value?.toString() ?? '')]));
}

/** Everything on `topic` right now: reads up to the high-water mark of every partition, then stops. */
export async function readTopicToEnd(topic: string, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const { kafkaBrokers } = testInfrastructureFromEnv();
  const admin = new Kafka({ clientId: 'waybill-test-reader', brokers: kafkaBrokers, logLevel: 0 }).admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const count = ends.reduce((total, partition) => total + Number(partition.high) - Number(partition.low), 0);
  return count === 0 ? [] : readTopic(topic, { count, timeoutMs });
}

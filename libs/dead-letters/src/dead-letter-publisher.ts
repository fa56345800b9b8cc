// Parks a message the consumer cannot handle in `<topic>.dlq`, so the partition behind it keeps
// flowing (a poison message never blocks an order that has nothing to do with it).
import type { Producer } from 'kafkajs';
import { DeadLetterHeaders, type DeadLetterReason } from './dead-letter-headers';

export interface FailedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export interface Failure {
  reason: DeadLetterReason;
  error: string;
  stack?: string;
  attempts: number;
  firstFailureAt: Date;
  consumerGroup: string;
}

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Resolves once Kafka has the dead letter (acks from all in-sync replicas). It throws when it could not
 * be written: the caller must then *not* commit the original's offset, or the message would be lost.
 */
export async function parkDeadLetter(producer: Producer, message: FailedMessage, failure: Failure): Promise<void> {
  await producer.send({
    topic: deadLetterTopic(message.topic),
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [DeadLetterHeaders.reason]: failure.reason,
          [DeadLetterHeaders.error]: failure.error.slice(0, 4_000),
          [DeadLetterHeaders.stack]: (failure.stack ?? '').slice(0, 8_000),
          [DeadLetterHeaders.originalTopic]: message.topic,
          [DeadLetterHeaders.originalPartition]: String(message.partition),
          [DeadLetterHeaders.originalOffset]: message.offset,
          [DeadLetterHeaders.originalKey]: message.key?.toString() ?? '',
          [DeadLetterHeaders.attempts]: String(failure.attempts),
          [DeadLetterHeaders.firstFailureAt]: failure.firstFailureAt.toISOString(),
          [DeadLetterHeaders.deadLetteredAt]: new Date().toISOString(),
          [DeadLetterHeaders.consumerGroup]: failure.consumerGroup,
        },
      },
    ],
  });
}

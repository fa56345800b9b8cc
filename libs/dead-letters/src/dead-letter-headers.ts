// What a dead letter carries besides the original bytes: enough for a person to see why it failed and
// where it came from, and for `npm run dlq -- replay` to send it back (docs/patterns/dead-letters.md).
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  error: 'dlq-error',
  stack: 'dlq-stack',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalKey: 'dlq-original-key',
  attempts: 'dlq-attempts',
  firstFailureAt: 'dlq-first-failure-at',
  deadLetteredAt: 'dlq-dead-lettered-at',
  consumerGroup: 'dlq-consumer-group',
  /** On a replayed message: the id of the message it replaces. */
  replayOf: 'replay-of',
} as const;

/**
 * Why a message was parked. The first three are decided before any handler runs (retrying cannot
 * help); the last two after the handler refused it or kept failing.
 */
export type DeadLetterReason = 'MALFORMED_JSON' | 'SCHEMA_INVALID' | 'UNKNOWN_TYPE' | 'HANDLER_REJECTED' | 'HANDLER_FAILED';

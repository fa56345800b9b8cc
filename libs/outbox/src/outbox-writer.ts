// The write side of the transactional outbox (docs/patterns/outbox.md). A service never publishes to
// Kafka directly: it adds the message to the outbox table *in the same database transaction* as the
// state change that caused it. Either both commit or neither does, so no state change is ever left
// without its message, and no message announces a change that was rolled back.
import { MESSAGE_CATALOG, messageName, type Envelope } from '@waybill/contracts';
import { context, propagation } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';

function activeTraceparent(): string | undefined {
  const carrier: { traceparent?: string } = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

export interface OutboxEntry {
  envelope: Envelope;
  /** The Kafka key: the aggregate id (the order id), so one order's messages share a partition and stay in order. */
  key: string;
}

/**
 * Adds messages to the outbox within `transaction` (the EntityManager of the unit of work).
 * The topic comes from the message's contract; an envelope with no contract is refused here,
 * in the producer, rather than dead-lettered later by every consumer.
 */
export async function addToOutbox(transaction: EntityManager, ...entries: OutboxEntry[]): Promise<void> {
  if (!transaction.queryRunner?.isTransactionActive) {
    throw new Error('addToOutbox needs the EntityManager of an open transaction: outside one, the message could outlive a rolled-back change');
  }
  for (const entry of entries) {
    const definition = MESSAGE_CATALOG.get(messageName(entry.envelope));
    if (!definition) throw new Error(`no contract for ${messageName(entry.envelope)}: declare it in @waybill/contracts`);
    // The trace this message belongs to is the one active now (the HTTP request or the message being
    // handled), so the consumer's span becomes a child of the work that caused the message.
    const envelope = definition.parse({ ...entry.envelope, traceparent: activeTraceparent() ?? entry.envelope.traceparent });
    await transaction.query(
      `INSERT INTO outbox (message_id, topic, message_key, message_type, envelope, traceparent) VALUES ($1, $2, $3, $4, $5, $6)`,
      [envelope.id, definition.topic, entry.key, definition.name, JSON.stringify(envelope), envelope.traceparent ?? null],
    );
  }
}

// A consumer's message handler run as the transport runs it, without a transport, a database or Kafka:
// for consumer pact tests (docs/patterns/contract-testing.md), which check that each example a consumer
// declares is one it would accept and act on. Here, not in libs/testing, because it needs the platform's
// MessageContext (see index.ts).
import type { CommandBus } from '@nestjs/cqrs';
import { validateMessage, type Envelope } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import type { EntityManager } from 'typeorm';

/** The stand-in transaction commandSentFor hands the handler: the command must carry it on to its use case. */
export const DELIVERY_TRANSACTION = {} as EntityManager;

/** A message handler as the transport calls it: the envelope, then its context (transaction, origin). */
export type MessageDelivery = (bus: CommandBus, envelope: Envelope<never>, context: MessageContext) => Promise<void>;

/**
 * Hands `raw` to a consumer's message handler as the transport would: validateMessage first (what it
 * would dead-letter fails the test), then the handler, on a command bus that only records. Returns the
 * one command it sent: the consumer's use case is not run, so no database is needed.
 */
export async function commandSentFor(consumer: string, raw: string, deliver: MessageDelivery): Promise<unknown> {
  const validation = validateMessage(raw);
  if (!validation.ok) throw new Error(`${consumer} would dead-letter this message: ${validation.reason} ${validation.detail}`);
  const sent: unknown[] = [];
  const bus = { execute: async (command: unknown) => void sent.push(command) } as unknown as CommandBus;
  const origin = { topic: validation.definition.topic, partition: 0, offset: '0' };
  await deliver(bus, validation.envelope as Envelope<never>, new MessageContext([validation.envelope, DELIVERY_TRANSACTION, origin]));
  expect(sent).toHaveLength(1);
  return sent[0];
}

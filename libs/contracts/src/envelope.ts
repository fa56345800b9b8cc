// One envelope shape for every message on every topic (STYLE.md rule 6). The envelope carries what any
// consumer needs before it knows the message: which message this is (id), what it is (type + version),
// and where it came from (correlationId: the whole business flow, e.g. one order; causationId: the
// message that caused this one). See docs/patterns/contracts.md.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const envelopeSchema = z.object({
  /** Unique per message; the inbox de-duplicates on it. */
  id: z.uuid(),
  /** Stable name without version, e.g. `inventory.stock-reserved`. */
  type: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'must look like <owner>.<message-name>'),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  /** The id of the message that caused this one; null for a flow's first message (e.g. from HTTP). */
  causationId: z.string().min(1).nullable(),
  /** W3C trace context, so one order's trace spans every service. */
  traceparent: z.string().optional(),
  payload: z.unknown(),
});

export type Envelope<Payload = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: Payload };

/** The name a handler subscribes to and the catalogue is keyed by: `inventory.stock-reserved.v1`. */
export const messageName = (envelope: Pick<Envelope, 'type' | 'version'>): string => `${envelope.type}.v${envelope.version}`;

/** Where a new message sits in its flow: the message (or request) that caused it. */
export interface Causation {
  correlationId: string;
  causationId: string | null;
  traceparent?: string;
}

/** A cause for the first message of a flow, when nothing came before it (e.g. an HTTP request). */
export const newFlow = (correlationId: string = randomUUID()): Causation => ({ correlationId, causationId: null });

/** The cause for messages produced while handling `envelope`: same flow, caused by it. */
export const causedBy = (envelope: Envelope): Causation => ({
  correlationId: envelope.correlationId,
  causationId: envelope.id,
  traceparent: envelope.traceparent,
});

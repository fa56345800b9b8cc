import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { envelopeSchema, type Causation, type Envelope } from './envelope';

export type MessageKind = 'command' | 'event';

/**
 * A message of the platform: its stable name and version, the topic it travels on, and the schema of
 * its payload. The TypeScript type is inferred from the schema, so the compile-time and the run-time
 * contract cannot drift apart. Declared by the producer (STYLE.md rule 4).
 */
export interface MessageDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  /** `type.vN`: what handlers subscribe to. */
  readonly name: string;
  readonly kind: MessageKind;
  readonly topic: string;
  readonly payload: Schema;
  /** A valid envelope of this message around `payload` (validated: a producer never sends what its consumers would reject). */
  create(payload: z.input<Schema>, cause: Causation, options?: { id?: string; occurredAt?: Date }): Envelope<z.output<Schema>>;
  /** Validates a whole envelope of this message, payload included. */
  parse(envelope: unknown): Envelope<z.output<Schema>>;
}

export type PayloadOf<Definition> = Definition extends MessageDefinition<infer Schema> ? z.output<Schema> : never;

export function defineMessage<Schema extends z.ZodType>(spec: {
  type: string;
  version: number;
  kind: MessageKind;
  topic: string;
  payload: Schema;
}): MessageDefinition<Schema> {
  const name = `${spec.type}.v${spec.version}`;
  const schema = envelopeSchema.extend({ type: z.literal(spec.type), version: z.literal(spec.version), payload: spec.payload });
  return {
    ...spec,
    name,
    create: (payload, cause, options = {}) =>
      schema.parse({
        id: options.id ?? randomUUID(),
        type: spec.type,
        version: spec.version,
        occurredAt: (options.occurredAt ?? new Date()).toISOString(),
        ...cause,
        payload,
      }) as Envelope<z.output<Schema>>,
    parse: (envelope) => schema.parse(envelope) as Envelope<z.output<Schema>>,
  };
}

/** Shapes several messages share. */
export const orderId = z.uuid();
export const orderLines = z
  .array(z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().positive() }).strict())
  .min(1);

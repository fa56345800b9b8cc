// Upcasting (pattern: "upcaster", from event sourcing): turning a message written under an older contract
// into the current one as it is read, so consumers keep ONE handler per message while the topic still
// holds old messages. Event topics are kept forever and replayed (docs/patterns/contracts.md, "Changing a
// message safely"); without an upcaster, every old message would be an UNKNOWN_TYPE dead letter once its
// contract leaves the catalogue.
//
// The old contract is `type.vN` with a lower version than the one it becomes, or an old name of the same
// message (a renamed type). An upcaster may only move, rename or reshape what the old message said. It
// must never invent a fact the producer did not state: when the old contract lacks data the new one
// requires, it cannot be upcast, and it stays in the catalogue with its own handler instead.
import type { z } from 'zod';
import type { MessageDefinition } from '../message-definition';

export interface Upcaster<OldPayload extends z.ZodType = z.ZodType> {
  /** The old name it reads, e.g. `inventory.stock-short.v1`: the key of UPCASTERS. */
  readonly name: string;
  readonly type: string;
  readonly version: number;
  /** The old payload's schema, strict like every payload: an old message is checked before it is converted. */
  readonly payload: OldPayload;
  /** The message it produces (which may itself be upcast further). */
  readonly to: Pick<MessageDefinition, 'type' | 'version' | 'name'>;
  /** The new payload; the consumer then validates the whole message against `to`'s contract. */
  upcast(payload: z.output<OldPayload>): unknown;
}

export function defineUpcaster<OldPayload extends z.ZodType>(spec: {
  type: string;
  version: number;
  payload: OldPayload;
  to: Pick<MessageDefinition, 'type' | 'version' | 'name'>;
  upcast(payload: z.output<OldPayload>): unknown;
}): Upcaster<OldPayload> {
  // Within one type, only upwards: a chain v1 → v2 → v3 always ends.
  if (spec.type === spec.to.type && spec.to.version <= spec.version) {
    throw new Error(`an upcaster goes up: ${spec.type}.v${spec.version} cannot become ${spec.to.name}`);
  }
  return { ...spec, name: `${spec.type}.v${spec.version}` };
}

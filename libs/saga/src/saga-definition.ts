// How a saga is written down (docs/patterns/saga.md): an ordered list of steps, each with
//   - its action: the command it sends when the saga reaches it (or none: a step may only wait);
//   - its reply handlers: for each message it may get back, whether the step succeeded (and what to
//     remember) or failed (and why);
//   - its compensation: the command that undoes it, if the saga fails or is cancelled later;
//   - its deadline: how long to wait for a reply before the saga gives up (TIMEOUT) and compensates.
// The definition is data; the engine (saga-engine.ts) runs it, one reply at a time, in the same
// database transaction as the service's own changes and outgoing messages.
import type { Envelope } from '@waybill/contracts';

/** A command to send, as the step builds it from the saga's data (the engine adds the causation). */
export interface OutgoingCommand {
  /** Builds the envelope; `cause` links it to the message (or request) that moved the saga. */
  build(cause: { correlationId: string; causationId: string | null }): Envelope;
  /** The Kafka key: the aggregate id, so one order's commands stay in order. */
  key: string;
}

export type ReplyOutcome<Data> = { ok: true; data?: Partial<Data> } | { ok: false; reason: string };

export interface SagaStep<Data> {
  name: string;
  /** The command that starts the step; omit for a step that only waits (e.g. for the driver). */
  action?: (data: Data) => OutgoingCommand;
  /** Replies this step understands, by message name (`inventory.stock-reserved.v1`). */
  replies: Record<string, (data: Data, payload: unknown) => ReplyOutcome<Data>>;
  /** The command that undoes this step, and the reply that confirms the undo. */
  compensation?: { action: (data: Data) => OutgoingCommand; confirmedBy: string };
  /** Wait this long for a reply; omit to wait for ever (a person's action, not a system's answer). */
  deadlineMs?: number;
  /** Once this step has succeeded, cancelling is no longer possible (e.g. the goods left the depot). */
  pointOfNoReturn?: boolean;
}

export interface SagaDefinition<Data> {
  /** Stored with each instance; one table serves every saga type of a service. */
  type: string;
  steps: ReadonlyArray<SagaStep<Data>>;
  /** Compensation commands are resent this many times before the saga asks for a human. */
  compensationAttempts: number;
  /** Time allowed for each compensation attempt to be confirmed. */
  compensationDeadlineMs: number;
}

export const defineSaga = <Data>(definition: SagaDefinition<Data>): SagaDefinition<Data> => {
  const names = new Set(definition.steps.map((step) => step.name));
  if (names.size !== definition.steps.length) throw new Error(`saga ${definition.type}: step names must be unique`);
  return definition;
};

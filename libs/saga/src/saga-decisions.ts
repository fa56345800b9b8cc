// The heart of the saga engine, as a pure function: given a saga's definition, its current state and
// something that happened (it started, a reply arrived, a deadline passed, someone asked to cancel),
// decide the new state, the commands to send and what to tell the owning service. No I/O here, so
// every path can be unit-tested in microseconds (saga-decisions.spec.ts); saga-engine.ts does the I/O.
import type { OutgoingCommand, SagaDefinition } from './saga-definition';
import type { SagaState } from './saga-state';

export type SagaEvent =
  | { kind: 'start' }
  | { kind: 'reply'; name: string; payload: unknown }
  | { kind: 'deadline' }
  | { kind: 'cancel'; reason: string };

/** What the service that owns the saga hears, to update its own aggregate (e.g. confirm the order). */
export type SagaNotification =
  | { kind: 'step-succeeded'; step: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'completed' }
  | { kind: 'compensated'; reason: string }
  | { kind: 'needs-attention'; reason: string };

export interface Decision<Data> {
  /** `ignored`: not for this saga now (a late or duplicate reply); `refused`: e.g. cancel past the point of no return. */
  outcome: 'applied' | 'ignored' | 'refused';
  state: SagaState<Data>;
  commands: OutgoingCommand[];
  notifications: SagaNotification[];
}

export const TIMEOUT = 'TIMEOUT';

export function decide<Data>(definition: SagaDefinition<Data>, current: SagaState<Data>, event: SagaEvent, now: Date): Decision<Data> {
  const decision: Decision<Data> = { outcome: 'applied', state: { ...current, pendingCompensations: [...current.pendingCompensations] }, commands: [], notifications: [] };
  const { state } = decision;
  const at = (ms: number | undefined) => (ms === undefined ? undefined : new Date(now.getTime() + ms));

  const enterStep = (index: number): void => {
    state.step = index;
    const step = definition.steps[index];
    if (!step) {
      state.status = 'COMPLETED';
      state.deadline = undefined;
      decision.notifications.push({ kind: 'completed' });
      return;
    }
    if (step.action) decision.commands.push(step.action(state.data));
    state.deadline = at(step.deadlineMs);
  };

  /** Undo `steps` (indexes), last first, one at a time; each is confirmed before the next is sent. */
  const compensate = (reason: string, steps: number[]): void => {
    state.failureReason = reason;
    decision.notifications.push({ kind: 'failed', reason });
    state.pendingCompensations = steps.filter((index) => definition.steps[index].compensation).reverse();
    state.compensationAttempt = 0;
    sendNextCompensation();
  };

  const sendNextCompensation = (): void => {
    const next = state.pendingCompensations[0];
    if (next === undefined) {
      state.status = 'COMPENSATED';
      state.deadline = undefined;
      decision.notifications.push({ kind: 'compensated', reason: state.failureReason ?? 'unknown' });
      return;
    }
    state.status = 'COMPENSATING';
    decision.commands.push(definition.steps[next].compensation!.action(state.data));
    state.deadline = at(definition.compensationDeadlineMs);
  };

  const ignore = (): Decision<Data> => ({ outcome: 'ignored', state: current, commands: [], notifications: [] });
  const refuse = (): Decision<Data> => ({ outcome: 'refused', state: current, commands: [], notifications: [] });
  const completedSteps = () => Array.from({ length: state.step }, (_, index) => index);

  switch (event.kind) {
    case 'start':
      state.status = 'RUNNING';
      enterStep(0);
      return decision;

    case 'reply': {
      if (state.status === 'RUNNING') {
        const handler = definition.steps[state.step].replies[event.name];
        if (!handler) return ignore(); // a duplicate or late reply to an earlier step
        const outcome = handler(state.data, event.payload);
        if (!outcome.ok) {
          // The step itself did not happen (e.g. no stock): undo only the steps before it.
          compensate(outcome.reason, completedSteps());
          return decision;
        }
        state.data = { ...state.data, ...outcome.data };
        decision.notifications.push({ kind: 'step-succeeded', step: definition.steps[state.step].name });
        enterStep(state.step + 1);
        return decision;
      }
      // A confirmation that arrives after the saga asked for a person still counts: the undo did happen
      // (the participant was only slow), so carry on with the rest of the compensation.
      if (state.status === 'COMPENSATING' || state.status === 'NEEDS_ATTENTION') {
        const undoing = definition.steps[state.pendingCompensations[0]];
        if (event.name !== undoing?.compensation?.confirmedBy) return ignore();
        state.pendingCompensations.shift();
        state.compensationAttempt = 0;
        sendNextCompensation();
        return decision;
      }
      return ignore();
    }

    case 'deadline': {
      if (!current.deadline || current.deadline > now) return ignore();
      if (state.status === 'RUNNING') {
        // No answer in time. The step's command may still have taken effect, so undo it too.
        compensate(TIMEOUT, [...completedSteps(), state.step]);
        return decision;
      }
      if (state.status === 'COMPENSATING') {
        state.compensationAttempt += 1;
        if (state.compensationAttempt >= definition.compensationAttempts) {
          state.status = 'NEEDS_ATTENTION';
          state.deadline = undefined;
          const step = definition.steps[state.pendingCompensations[0]].name;
          decision.notifications.push({ kind: 'needs-attention', reason: `compensating "${step}" got no confirmation after ${state.compensationAttempt} attempts` });
          return decision;
        }
        // Resend the same compensation: compensations are idempotent by design (release what is held).
        decision.commands.push(definition.steps[state.pendingCompensations[0]].compensation!.action(state.data));
        state.deadline = at(definition.compensationDeadlineMs);
        return decision;
      }
      return ignore();
    }

    case 'cancel': {
      if (state.status !== 'RUNNING') return refuse();
      const pastNoReturn = definition.steps.slice(0, state.step).some((step) => step.pointOfNoReturn);
      if (pastNoReturn) return refuse();
      compensate(event.reason, [...completedSteps(), state.step]);
      return decision;
    }
  }
}

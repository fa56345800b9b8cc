// Runs a saga definition (docs/patterns/saga.md). Every change to a saga instance happens inside the
// caller's database transaction: the new state, the commands it sends (through the outbox) and whatever
// the owning service does on hearing of it (its hooks, e.g. confirming the order) commit together or not
// at all. So a crash at any point leaves either the old state with nothing sent, or the new state with
// its commands safely in the outbox.
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@waybill/contracts';
import { messageName } from '@waybill/contracts';
import { addToOutbox } from '@waybill/outbox';
import type { DataSource, EntityManager } from 'typeorm';
import { decide, type Decision, type SagaEvent, type SagaNotification } from './saga-decisions';
import type { SagaDefinition } from './saga-definition';
import { sagaStore, type StoredSaga } from './saga-store';

/** The cause of a change: the message or request that moved the saga (for correlation and causation ids). */
export type SagaCause = { correlationId: string; causationId: string | null };
type Cause = SagaCause;

/** What the owning service does when its saga moves: update its aggregate, publish its own events. */
export type SagaHook<Data> = (transaction: EntityManager, saga: StoredSaga<Data>, notification: SagaNotification, cause: SagaCause) => Promise<void>;

export class SagaEngine<Data> {
  constructor(
    readonly definition: SagaDefinition<Data>,
    private readonly hook: SagaHook<Data>,
    /** Finds the saga a reply belongs to (the order id in every reply's payload). */
    private readonly keyOfReply: (payload: unknown) => string,
  ) {}

  /** Every message name some step or compensation waits for: what the owning service must subscribe to. */
  get replyNames(): string[] {
    const names = this.definition.steps.flatMap((step) => [...Object.keys(step.replies), ...(step.compensation ? [step.compensation.confirmedBy] : [])]);
    return [...new Set(names)];
  }

  async start(transaction: EntityManager, key: string, data: Data, cause: Cause): Promise<StoredSaga<Data>> {
    const saga: StoredSaga<Data> = {
      sagaId: randomUUID(),
      type: this.definition.type,
      key,
      correlationId: cause.correlationId,
      status: 'RUNNING',
      step: 0,
      data,
      pendingCompensations: [],
      compensationAttempt: 0,
      version: 0,
    };
    await sagaStore.insert(transaction, saga);
    return (await this.applyAndSave(transaction, saga, { kind: 'start' }, cause)).saga;
  }

  /** A reply from a participant. `ignored` when no saga waits for it (late, duplicate, or not ours). */
  async onReply(transaction: EntityManager, envelope: Envelope): Promise<Decision<Data>['outcome']> {
    const saga = await sagaStore.find<Data>(transaction, this.definition.type, this.keyOfReply(envelope.payload));
    if (!saga) return 'ignored';
    const event: SagaEvent = { kind: 'reply', name: messageName(envelope), payload: envelope.payload };
    return (await this.applyAndSave(transaction, saga, event, { correlationId: envelope.correlationId, causationId: envelope.id })).decision.outcome;
  }

  /** A request to stop (e.g. the customer cancels). `refused` past the point of no return or once finished. */
  async cancel(transaction: EntityManager, key: string, reason: string, cause: Cause): Promise<Decision<Data>['outcome'] | 'not-found'> {
    const saga = await sagaStore.find<Data>(transaction, this.definition.type, key, { lock: true });
    if (!saga) return 'not-found';
    return (await this.applyAndSave(transaction, saga, { kind: 'cancel', reason }, cause)).decision.outcome;
  }

  /**
   * Fires the deadlines that have passed, each saga in a transaction of its own, so one saga whose
   * hook fails (and is retried on the next pass) does not hold up the others. Several watchers (one per
   * replica) can run at once: SKIP LOCKED hands each due saga to exactly one of them.
   * Returns the sagas it moved; `onError` hears about the ones it could not.
   */
  async fireDueDeadlines(dataSource: DataSource, now = new Date(), batch = 50, onError: (key: string, error: unknown) => void = () => undefined): Promise<number> {
    const due: Array<{ saga_key: string }> = await dataSource.query(
      `SELECT saga_key FROM saga_instances WHERE saga_type = $1 AND deadline <= $2 ORDER BY deadline LIMIT $3`,
      [this.definition.type, now, batch],
    );
    let fired = 0;
    for (const { saga_key: key } of due) {
      try {
        fired += await dataSource.transaction(async (transaction) => {
          const saga = await sagaStore.findDue<Data>(transaction, this.definition.type, key, now);
          if (!saga) return 0; // another watcher has it, or a reply moved it meanwhile
          await this.applyAndSave(transaction, saga, { kind: 'deadline' }, { correlationId: saga.correlationId, causationId: null }, now);
          return 1;
        });
      } catch (error) {
        onError(key, error);
      }
    }
    return fired;
  }

  /** Decides, saves the new state (optimistically locked), then sends its commands and runs the hooks. */
  private async applyAndSave(transaction: EntityManager, saga: StoredSaga<Data>, event: SagaEvent, cause: Cause, now = new Date()) {
    const decision = decide(this.definition, saga, event, now);
    if (decision.outcome !== 'applied') return { decision, saga };
    const next = { ...decision.state, correlationId: saga.correlationId, version: saga.version + 1 };
    await sagaStore.update(transaction, next, saga.version);
    await this.effects(transaction, next, decision, cause);
    return { decision, saga: next };
  }

  /** Commands to the outbox, then the owning service's hooks: all in the same transaction. */
  private async effects(transaction: EntityManager, saga: StoredSaga<Data>, decision: Decision<Data>, cause: Cause): Promise<void> {
    for (const command of decision.commands) await addToOutbox(transaction, { envelope: command.build(cause), key: command.key });
    for (const notification of decision.notifications) await this.hook(transaction, saga, notification, cause);
  }
}

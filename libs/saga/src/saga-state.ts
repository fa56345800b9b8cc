/**
 * Where a saga instance is. RUNNING: at `step`, waiting for its reply. COMPENSATING: undoing the steps
 * listed in `pendingCompensations`, last first. Then one of the ends: COMPLETED (every step done),
 * COMPENSATED (failed or cancelled, and everything undone), NEEDS_ATTENTION (a compensation kept
 * failing: a person must look; never silently "done").
 */
export type SagaStatus = 'RUNNING' | 'COMPENSATING' | 'COMPLETED' | 'COMPENSATED' | 'NEEDS_ATTENTION';

export interface SagaState<Data> {
  sagaId: string;
  type: string;
  /** The business key replies are matched by: the order id. */
  key: string;
  status: SagaStatus;
  /** Index of the current step while RUNNING. */
  step: number;
  data: Data;
  /** Why the saga failed or was cancelled (e.g. OUT_OF_STOCK, TIMEOUT, CANCELLED). */
  failureReason?: string;
  /** Steps still to undo, in the order they will be undone. */
  pendingCompensations: number[];
  compensationAttempt: number;
  deadline?: Date;
  /** Optimistic locking: every change increments it; a concurrent change fails and is retried. */
  version: number;
}

export const isFinished = (state: Pick<SagaState<unknown>, 'status'>): boolean =>
  state.status === 'COMPLETED' || state.status === 'COMPENSATED' || state.status === 'NEEDS_ATTENTION';

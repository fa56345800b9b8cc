import type { EntityManager } from 'typeorm';
import type { SagaState, SagaStatus } from './saga-state';

interface Row {
  saga_id: string;
  saga_type: string;
  saga_key: string;
  correlation_id: string;
  status: SagaStatus;
  step: number;
  data: unknown;
  failure_reason: string | null;
  pending_compensations: number[];
  compensation_attempt: number;
  deadline: Date | null;
  version: number;
}

export type StoredSaga<Data> = SagaState<Data> & { correlationId: string };

/** Thrown when another transaction changed the saga first; the message is retried and sees the new state. */
export class SagaConcurrencyError extends Error {
  constructor(sagaId: string) {
    super(`saga ${sagaId} was changed by a concurrent transaction`);
    this.name = 'SagaConcurrencyError';
  }
}

const fromRow = <Data>(row: Row): StoredSaga<Data> => ({
  sagaId: row.saga_id,
  type: row.saga_type,
  key: row.saga_key,
  correlationId: row.correlation_id,
  status: row.status,
  step: row.step,
  data: row.data as Data,
  failureReason: row.failure_reason ?? undefined,
  pendingCompensations: row.pending_compensations,
  compensationAttempt: row.compensation_attempt,
  deadline: row.deadline ?? undefined,
  version: row.version,
});

/** Saga instances in the service's own database, always through the caller's transaction. */
export const sagaStore = {
  async insert<Data>(tx: EntityManager, saga: StoredSaga<Data>): Promise<void> {
    await tx.query(
      `INSERT INTO saga_instances (saga_id, saga_type, saga_key, correlation_id, status, step, data, failure_reason,
                                   pending_compensations, compensation_attempt, deadline, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [saga.sagaId, saga.type, saga.key, saga.correlationId, saga.status, saga.step, JSON.stringify(saga.data), saga.failureReason ?? null,
        saga.pendingCompensations, saga.compensationAttempt, saga.deadline ?? null, saga.version],
    );
  },

  async find<Data>(tx: EntityManager, type: string, key: string, { lock = false } = {}): Promise<StoredSaga<Data> | undefined> {
    const rows: Row[] = await tx.query(`SELECT * FROM saga_instances WHERE saga_type = $1 AND saga_key = $2 ${lock ? 'FOR UPDATE' : ''}`, [type, key]);
    return rows[0] && fromRow<Data>(rows[0]);
  },

  /** Optimistic locking: the row must still have the version that was read. */
  async update<Data>(tx: EntityManager, saga: StoredSaga<Data>, expectedVersion: number): Promise<void> {
    const [, affected]: [unknown, number] = await tx.query(
      `UPDATE saga_instances SET status = $3, step = $4, data = $5, failure_reason = $6, pending_compensations = $7,
              compensation_attempt = $8, deadline = $9, version = $10, updated_at = now()
        WHERE saga_id = $1 AND version = $2`,
      [saga.sagaId, expectedVersion, saga.status, saga.step, JSON.stringify(saga.data), saga.failureReason ?? null,
        saga.pendingCompensations, saga.compensationAttempt, saga.deadline ?? null, saga.version],
    );
    if (affected !== 1) throw new SagaConcurrencyError(saga.sagaId);
  },

  /** The saga, if its deadline has passed and no other transaction holds it (SKIP LOCKED: never wait for one). */
  async findDue<Data>(tx: EntityManager, type: string, key: string, now: Date): Promise<StoredSaga<Data> | undefined> {
    const rows: Row[] = await tx.query(
      `SELECT * FROM saga_instances WHERE saga_type = $1 AND saga_key = $2 AND deadline <= $3 FOR UPDATE SKIP LOCKED`,
      [type, key, now],
    );
    return rows[0] && fromRow<Data>(rows[0]);
  },

  async countNeedingAttention(tx: Pick<EntityManager, 'query'>): Promise<number> {
    const [{ count }]: Array<{ count: string }> = await tx.query(`SELECT count(*) FROM saga_instances WHERE status = 'NEEDS_ATTENTION'`);
    return Number(count);
  },
};

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Saga instances, in the orchestrating service's schema (orders lists this among its migrations). */
export class CreateSagaInstances1763769500002 implements MigrationInterface {
  name = 'CreateSagaInstances1763769500002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE saga_instances (
        saga_id               uuid PRIMARY KEY,
        saga_type             text NOT NULL,
        saga_key              text NOT NULL,
        correlation_id        text NOT NULL,
        status                text NOT NULL CHECK (status IN ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'NEEDS_ATTENTION')),
        step                  integer NOT NULL,
        data                  jsonb NOT NULL,
        failure_reason        text,
        pending_compensations integer[] NOT NULL DEFAULT '{}',
        compensation_attempt  integer NOT NULL DEFAULT 0,
        deadline              timestamptz,
        version               integer NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (saga_type, saga_key)
      )`);
    // The deadline watcher's question, "whose deadline has passed?", stays cheap.
    await db.query(`CREATE INDEX saga_instances_due ON saga_instances (deadline) WHERE deadline IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE saga_instances`);
  }
}

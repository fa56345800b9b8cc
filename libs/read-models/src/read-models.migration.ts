import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each projection has got to: per topic partition, the offset of the next event to apply. It is
 * written in the same transaction as the view, so the view and its position can never disagree; an
 * event below the checkpoint has been applied and is skipped (docs/patterns/cqrs.md). Kafka's own
 * committed offsets are only a hint of where to resume. Every service with a view lists this migration.
 */
export class CreateProjectionCheckpoints1763769500003 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1763769500003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_checkpoints (
        projection  text NOT NULL,
        topic       text NOT NULL,
        partition   integer NOT NULL,
        next_offset bigint NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, topic, partition)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE projection_checkpoints`);
  }
}

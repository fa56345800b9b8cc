import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox: the ids of the messages this service has already handled. Its primary key is what makes
 * a redelivered message a no-op (docs/patterns/inbox.md). Every service lists this migration among its own.
 */
export class CreateInbox1763769500001 implements MigrationInterface {
  name = 'CreateInbox1763769500001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inbox (
        message_id   uuid PRIMARY KEY,
        message_type text NOT NULL,
        handled_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbox`);
  }
}

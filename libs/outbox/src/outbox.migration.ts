import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox table, in the schema of the service that writes it. Every service lists this migration
 * among its own (see apps/<service>/src/migrations/index.ts).
 *
 * - `position` orders rows as they were written; the relay publishes in that order, so the messages
 *   of one aggregate (written by transactions that lock that aggregate) reach Kafka in order.
 * - The partial index makes "what is left to publish" cheap however many published rows are kept.
 * - The trigger wakes the relay (LISTEN/NOTIFY) when a transaction that wrote rows commits:
 *   notifications are delivered only on commit, never for a rolled-back transaction.
 */
export class CreateOutbox1763769500000 implements MigrationInterface {
  name = 'CreateOutbox1763769500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id   uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        message_key  text NOT NULL,
        message_type text NOT NULL,
        envelope     text NOT NULL,
        traceparent  text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`);
    await db.query(`
      CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('waybill_outbox', TG_TABLE_SCHEMA);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER outbox_written AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP FUNCTION notify_outbox()`);
  }
}

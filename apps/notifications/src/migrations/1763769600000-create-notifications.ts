import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification log. "Once per fact" is the unique key (order_id, fact): a second delivery of the same
 * event cannot add a second row, whatever the code above it does.
 */
export class CreateNotifications1763769600000 implements MigrationInterface {
  name = 'CreateNotifications1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        notification_id uuid PRIMARY KEY,
        order_id        uuid NOT NULL,
        customer_id     text NOT NULL,
        fact            text NOT NULL,
        message         text NOT NULL,
        sent_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT once_per_fact UNIQUE (order_id, fact)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
  }
}

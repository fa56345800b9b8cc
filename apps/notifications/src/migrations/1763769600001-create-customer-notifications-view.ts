import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The view `GET /notifications?orderId=` reads (application/projections/customer-notifications): one row
 * per CustomerNotified, keyed by its notification id, so applying an event twice cannot add a second row.
 * Unlike the notification log it has no unique (order_id, fact) and no check on the fact: the log keeps
 * the rules, the view only shows what was announced. No foreign keys: a rebuild swaps the table whole.
 */
export class CreateCustomerNotificationsView1763769600001 implements MigrationInterface {
  name = 'CreateCustomerNotificationsView1763769600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer_notifications (
        notification_id uuid PRIMARY KEY,
        order_id        uuid NOT NULL,
        customer_id     text NOT NULL,
        fact            text NOT NULL,
        channel         text NOT NULL,
        message         text NOT NULL,
        notified_at     timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX customer_notifications_by_order ON customer_notifications (order_id, notified_at, notification_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE customer_notifications`);
  }
}

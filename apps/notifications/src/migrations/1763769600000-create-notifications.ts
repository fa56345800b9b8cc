import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification log. "Once per fact" is the unique key (order_id, fact): a second delivery of the same
 * event, or the same fact republished under a new message id, cannot add a second row, whatever the code
 * above it does (the log inserts with ON CONFLICT ON CONSTRAINT once_per_fact DO NOTHING). The key's index
 * also serves `GET /notifications?orderId=`. The facts are the domain's ORDER_FACTS
 * (libs/notifications/domain/src/order-news.ts); a new fact needs a migration widening the check.
 */
export class CreateNotifications1763769600000 implements MigrationInterface {
  name = 'CreateNotifications1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        notification_id uuid PRIMARY KEY,
        order_id        uuid NOT NULL,
        customer_id     text NOT NULL,
        fact            text NOT NULL CONSTRAINT known_fact
                          CHECK (fact IN ('ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED', 'ORDER_DISPATCHED', 'ORDER_DELIVERED')),
        message         text NOT NULL,
        sent_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT once_per_fact UNIQUE (order_id, fact)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The order aggregate's table. The status check mirrors the state machine in docs/domain.md. */
export class CreateOrders1763769600000 implements MigrationInterface {
  name = 'CreateOrders1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orders (
        order_id         uuid PRIMARY KEY,
        customer_id      text NOT NULL,
        status           text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'DISPATCHED', 'DELIVERED', 'REJECTED', 'CANCELLED')),
        destination      text NOT NULL,
        lines            jsonb NOT NULL,
        rejection_reason text CHECK (rejection_reason IN ('OUT_OF_STOCK', 'NO_ROUTE', 'TIMEOUT')),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orders`);
  }
}

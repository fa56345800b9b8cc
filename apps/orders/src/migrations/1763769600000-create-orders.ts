import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The order aggregate, its history and the idempotency keys of POST /orders. The status check mirrors the state machine in docs/domain.md. */
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
        shipment         jsonb,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    // Newest first, per customer and status, with the order id to break ties: the list query's cursor.
    await db.query(`CREATE INDEX orders_newest_first ON orders (created_at DESC, order_id DESC)`);
    await db.query(`CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, order_id DESC)`);
    // What happened to each order and when, for `history` in GET /orders/{id}.
    await db.query(`
      CREATE TABLE order_history (
        order_id uuid NOT NULL REFERENCES orders (order_id),
        at       timestamptz NOT NULL,
        type     text NOT NULL,
        seq      bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (order_id, seq)
      )`);
    // Idempotency-Key of POST /orders: the same key answers the same order; a key reused for another
    // request is refused. The primary key makes two concurrent requests with one key create one order.
    await db.query(`
      CREATE TABLE idempotency_keys (
        idempotency_key text PRIMARY KEY,
        request_hash    text NOT NULL,
        order_id        uuid NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE order_history`);
    await db.query(`DROP TABLE orders`);
  }
}

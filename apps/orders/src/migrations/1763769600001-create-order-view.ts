import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order view (apps/orders/src/application/projections/order-view): the events of each order, from
 * every service, and the row folded from them that the queries read. No foreign keys: a rebuild creates
 * copies of these tables and renames them over the live ones (libs/read-models/src/rebuild.ts).
 *
 * `order_history` goes: an order's history is now every event about it, in the view. The projector fills
 * the view from the events topics (kept forever) when it first runs, so nothing is copied here; the
 * 'Compensated' and 'NeedsAttention' entries of orders placed before this migration were never events,
 * so they are not in the new history.
 */
export class CreateOrderView1763769600001 implements MigrationInterface {
  name = 'CreateOrderView1763769600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE order_view_events (
        event_id    uuid PRIMARY KEY,
        order_id    uuid NOT NULL,
        type        text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload     jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX order_view_events_by_order ON order_view_events (order_id)`);
    await db.query(`
      CREATE TABLE order_view (
        order_id         uuid PRIMARY KEY,
        customer_id      text NOT NULL,
        status           text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'DISPATCHED', 'DELIVERED', 'REJECTED', 'CANCELLED')),
        placed_at        timestamptz NOT NULL,
        needs_attention  boolean NOT NULL DEFAULT false,
        attention_reason text,
        attention_since  timestamptz,
        view             jsonb NOT NULL,
        updated_at       timestamptz
      )`);
    // Newest first, overall, per customer and per status, with the order id to break ties: the list query's keyset cursor.
    await db.query(`CREATE INDEX order_view_newest_first ON order_view (placed_at DESC, order_id DESC)`);
    await db.query(`CREATE INDEX order_view_by_customer ON order_view (customer_id, placed_at DESC, order_id DESC)`);
    await db.query(`CREATE INDEX order_view_by_status ON order_view (status, placed_at DESC, order_id DESC)`);
    await db.query(`DROP TABLE order_history`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE order_history (
        order_id uuid NOT NULL REFERENCES orders (order_id),
        at       timestamptz NOT NULL,
        type     text NOT NULL,
        seq      bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (order_id, seq)
      )`);
    await db.query(`DROP TABLE order_view`);
    await db.query(`DROP TABLE order_view_events`);
  }
}

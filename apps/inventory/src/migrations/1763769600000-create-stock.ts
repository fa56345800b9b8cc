import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock items and reservations (docs/domain/inventory.md). The domain's invariants are constraints here
 * too, so a bug in the application fails its transaction instead of corrupting the books:
 *
 * - `never_oversold`: `reserved <= on_hand` holds under any concurrency. Reservations also lock the
 *   stock rows they change (in SKU order); the constraint is the last line of defence, not the mechanism.
 * - one reservation per order (the primary key): two first requests for the same order that race each
 *   other cannot both reserve; the second fails, is retried, and finds the first.
 * - a reservation line can only name a stock item that exists (the foreign key), once per order.
 */
export class CreateStock1763769600000 implements MigrationInterface {
  name = 'CreateStock1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE stock_items (
        sku        text PRIMARY KEY CONSTRAINT sku_shape CHECK (sku ~ '^[A-Za-z0-9_-]{1,64}$'),
        on_hand    integer NOT NULL CHECK (on_hand >= 0),
        reserved   integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT never_oversold CHECK (reserved <= on_hand)
      )`);
    await db.query(`
      CREATE TABLE reservations (
        order_id   uuid PRIMARY KEY,
        status     text NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'COMMITTED', 'REFUSED')),
        -- REFUSED only: [{ sku, requested, available }] exactly as the order was answered, to answer a repeat the same way.
        shortfall  jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refusal_has_shortfall CHECK ((status = 'REFUSED') = (shortfall IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE reservation_lines (
        order_id uuid NOT NULL REFERENCES reservations (order_id),
        sku      text NOT NULL REFERENCES stock_items (sku),
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, sku)
      )`);
    // "Which orders hold this SKU?": for an operator, and for the tests that check the books add up.
    await db.query(`CREATE INDEX reservation_lines_by_sku ON reservation_lines (sku)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reservation_lines`);
    await db.query(`DROP TABLE reservations`);
    await db.query(`DROP TABLE stock_items`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock items and reservations. "Never oversold" is a database constraint, not an application check:
 * `reserved <= on_hand` holds under any concurrency, because a reservation that would break it fails
 * its UPDATE instead of racing a read-then-write.
 */
export class CreateStock1763769600000 implements MigrationInterface {
  name = 'CreateStock1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE stock_items (
        sku        text PRIMARY KEY,
        on_hand    integer NOT NULL CHECK (on_hand >= 0),
        reserved   integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT never_oversold CHECK (reserved <= on_hand)
      )`);
    await db.query(`
      CREATE TABLE reservations (
        order_id   uuid NOT NULL,
        sku        text NOT NULL REFERENCES stock_items (sku),
        quantity   integer NOT NULL CHECK (quantity > 0),
        status     text NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'COMMITTED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, sku)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reservations`);
    await db.query(`DROP TABLE stock_items`);
  }
}

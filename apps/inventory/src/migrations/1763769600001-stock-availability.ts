import { newFlow, StockLevelChanged } from '@waybill/contracts';
import { addToOutbox } from '@waybill/outbox';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stock view behind GET /stock/{sku} (docs/patterns/cqrs.md), and the version that keeps it right.
 *
 * - `stock_items.version`: how many changes the item has seen. Every change publishes the item's level
 *   with it (StockLevelChanged), and the view keeps the highest version per SKU, so a duplicate or a
 *   late level never overwrites a newer one. No default: whoever writes a row must say which version.
 * - `stock_availability`: the view, written only by its projection (and, once, below). No constraints
 *   beyond NOT NULL: a view takes what the events say; the write model is where rules are enforced.
 *
 * Items that exist before this migration have never had their level published. Each gets version 1,
 * its level in the view at once, and a StockLevelChanged in the outbox, so Kafka holds it too and a
 * rebuild of the view (which replays Kafka) does not lose them.
 */
export class StockAvailability1763769600001 implements MigrationInterface {
  name = 'StockAvailability1763769600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE stock_items ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0)`);
    await db.query(`ALTER TABLE stock_items ALTER COLUMN version DROP DEFAULT`);
    await db.query(`
      CREATE TABLE stock_availability (
        sku           text PRIMARY KEY,
        on_hand       integer NOT NULL,
        reserved      integer NOT NULL,
        available     integer NOT NULL,
        stock_version integer NOT NULL,
        -- When the level changed (the event's occurredAt), not when the view heard of it: a rebuild writes the same rows.
        updated_at    timestamptz NOT NULL
      )`);

    const existing: Array<{ sku: string; on_hand: number; reserved: number; version: number }> = await db.query(
      `SELECT sku, on_hand, reserved, version FROM stock_items ORDER BY sku`,
    );
    const occurredAt = new Date();
    for (const item of existing) {
      const level = StockLevelChanged.create({ sku: item.sku, onHand: item.on_hand, reserved: item.reserved, stockVersion: item.version }, newFlow(), { occurredAt });
      await addToOutbox(db.manager, { envelope: level, key: item.sku });
    }
    await db.query(
      `INSERT INTO stock_availability (sku, on_hand, reserved, available, stock_version, updated_at)
       SELECT sku, on_hand, reserved, GREATEST(on_hand - reserved, 0), version, $1 FROM stock_items`,
      [occurredAt],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE stock_availability`);
    await db.query(`ALTER TABLE stock_items DROP COLUMN version`);
  }
}

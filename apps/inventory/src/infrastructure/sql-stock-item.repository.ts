import { StockItem, type StockItemRepository } from '@waybill/inventory-domain';
import type { EntityManager } from 'typeorm';

interface StockItemRow {
  sku: string;
  on_hand: number;
  reserved: number;
  version: number;
}

const toItem = (row: StockItemRow): StockItem => StockItem.restore({ sku: row.sku, onHand: row.on_hand, reserved: row.reserved, version: row.version });

/** Stock items in `stock_items`, read and written through the unit of work's transaction. */
export class SqlStockItemRepository implements StockItemRepository {
  constructor(private readonly transaction: EntityManager) {}

  async lockInSkuOrder(skus: readonly string[]): Promise<StockItem[]> {
    if (skus.length === 0) return [];
    // The sort runs before the locking step, so rows are locked one by one in this order. COLLATE "C"
    // makes it byte order: the same in every transaction whatever the database's default collation.
    const rows: StockItemRow[] = await this.transaction.query(
      `SELECT sku, on_hand, reserved, version FROM stock_items WHERE sku = ANY($1::text[]) ORDER BY sku COLLATE "C" FOR UPDATE`,
      [[...new Set(skus)]],
    );
    return rows.map(toItem);
  }

  async addIfAbsent(item: StockItem): Promise<boolean> {
    // Two first receipts of a new SKU at once: the second INSERT waits for the first and then does nothing.
    const inserted: unknown[] = await this.transaction.query(
      `INSERT INTO stock_items (sku, on_hand, reserved, version) VALUES ($1, $2, $3, $4) ON CONFLICT (sku) DO NOTHING RETURNING sku`,
      [item.sku, item.onHand, item.reserved, item.version],
    );
    return inserted.length > 0;
  }

  async save(items: readonly StockItem[]): Promise<void> {
    for (const item of items) {
      await this.transaction.query(`UPDATE stock_items SET on_hand = $2, reserved = $3, version = $4, updated_at = now() WHERE sku = $1`, [
        item.sku,
        item.onHand,
        item.reserved,
        item.version,
      ]);
    }
  }
}

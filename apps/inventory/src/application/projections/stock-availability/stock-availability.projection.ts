// The stock view (docs/patterns/cqrs.md): one row per SKU, what GET /stock/{sku} answers, projected
// from the StockLevelChanged events inventory publishes on inventory.events after every change.
//
// Idempotent and independent of arrival order by "state with a version": each event carries the SKU's
// whole level and the stock item's version, and a row is only ever replaced by a higher version. A
// duplicate (same version) or a late, older level changes nothing, so the view ends up at the newest
// level whatever order the events came in, however many times, live, at once (read-your-writes) or in
// a rebuild.
import { messageName, StockLevelChanged, Topics, type PayloadOf } from '@waybill/contracts';
import type { Projection } from '@waybill/read-models';

/** A SKU as GET /stock/{sku} shows it (DESIGN.md, "Public HTTP surface"). */
export interface StockAvailability {
  sku: string;
  onHand: number;
  reserved: number;
  /** onHand − reserved, never negative. */
  available: number;
}

/** The write model never lets reserved exceed on hand; the view does not rely on it. */
export const availableOf = (onHand: number, reserved: number): number => Math.max(0, onHand - reserved);

export const stockAvailabilityProjection: Projection = {
  name: 'stock-availability',
  topics: [Topics.inventory.events],
  tables: ['stock_availability'],

  async apply(view, event) {
    if (messageName(event) !== StockLevelChanged.name) return; // the answers to the saga show nothing here
    const { sku, onHand, reserved, stockVersion } = event.payload as PayloadOf<typeof StockLevelChanged>;
    const table = view.table('stock_availability');
    const level = [sku, onHand, reserved, availableOf(onHand, reserved), stockVersion, event.occurredAt];
    // Two statements rather than one upsert: an upsert locks the row even when it keeps it, and nearly
    // every level reaching the projector from Kafka was already applied by the command that made it.
    // So a duplicate locks nothing, and the projector never holds a row a reservation is waiting for.
    await view.query(
      `INSERT INTO ${table} (sku, on_hand, reserved, available, stock_version, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sku) DO NOTHING`,
      level,
    );
    await view.query(
      `UPDATE ${table} SET on_hand = $2, reserved = $3, available = $4, stock_version = $5, updated_at = $6
        WHERE sku = $1 AND stock_version < $5`,
      level,
    );
  },
};

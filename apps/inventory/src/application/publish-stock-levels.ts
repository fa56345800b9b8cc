// Every change to a stock item is published as the item's new level (StockLevelChanged, keyed by SKU),
// written to the outbox in the transaction that changes the item (docs/patterns/outbox.md). The stock
// view is projected from these events (projections/stock-availability).
import { StockLevelChanged, type Causation, type Envelope } from '@waybill/contracts';
import type { StockItem } from '@waybill/inventory-domain';
import { addToOutbox } from '@waybill/outbox';
import type { EntityManager } from 'typeorm';

/**
 * Writes one StockLevelChanged per item that changed (none for an item left as it was) and answers the
 * envelopes written, for the caller to apply to its views at once (read-your-writes). An item changed
 * twice in one transaction is published once, at its last level: the event is the state, not a delta,
 * so the earlier level says nothing the later one does not.
 */
export async function publishStockLevels(transaction: EntityManager, items: readonly StockItem[], cause: Causation): Promise<Envelope[]> {
  const levels = items.flatMap((item) => {
    const latest = item.pullEvents().at(-1);
    if (!latest) return [];
    const { sku, onHand, reserved, version } = latest;
    return [{ envelope: StockLevelChanged.create({ sku, onHand, reserved, stockVersion: version }, cause), key: sku }];
  });
  await addToOutbox(transaction, ...levels);
  return levels.map((level) => level.envelope);
}

// A small outdoor-gear catalogue, so a freshly started stack can take orders at once. The stack calls
// `seedDemoCatalogue` after the migrations; a learner can read the situations it sets up:
//   - FILTER-H2O is scarce (3): the second or third order for it is refused with OUT_OF_STOCK;
//   - KAYAK-1P is listed with nothing on hand: every order for it is refused.
import { newFlow } from '@waybill/contracts';
import { Sku, StockItem } from '@waybill/inventory-domain';
import { projectNow } from '@waybill/read-models';
import type { DataSource } from 'typeorm';
import { SqlStockItemRepository } from '../infrastructure/sql-stock-item.repository';
import { stockAvailabilityProjection } from './projections/stock-availability/stock-availability.projection';
import { publishStockLevels } from './publish-stock-levels';

export interface DemoStockItem {
  sku: string;
  /** For people: the database keeps SKUs and counts only. */
  name: string;
  onHand: number;
}

export const DEMO_CATALOGUE: readonly DemoStockItem[] = [
  { sku: 'TENT-2P', name: 'Two-person dome tent', onHand: 40 },
  { sku: 'SLEEPBAG-3S', name: 'Three-season sleeping bag', onHand: 65 },
  { sku: 'MAT-SELFINF', name: 'Self-inflating sleeping mat', onHand: 80 },
  { sku: 'BACKPACK-45L', name: '45 l trekking backpack', onHand: 35 },
  { sku: 'STOVE-GAS', name: 'Compact gas stove', onHand: 120 },
  { sku: 'LANTERN-LED', name: 'Rechargeable LED lantern', onHand: 200 },
  { sku: 'HEADLAMP-300', name: 'Head torch, 300 lumen', onHand: 150 },
  { sku: 'BOTTLE-1L', name: 'Steel water bottle, 1 l', onHand: 500 },
  { sku: 'FILTER-H2O', name: 'Pump water filter', onHand: 3 },
  { sku: 'KAYAK-1P', name: 'One-person inflatable kayak', onHand: 0 },
];

/**
 * Puts the demo catalogue in stock, once: a SKU that exists is left exactly as it is (its receipts,
 * reservations and shipments are real data by then), so running it on every start changes nothing.
 * Answers one line for the start-up log; its shape fits `migrateService(inventoryService, seedDemoCatalogue)`.
 *
 * Like any other change, each SKU put in stock publishes its level and shows in the stock view at once.
 * This runs in the migrate process, which has no Nest and no ReadModels, hence `projectNow` itself.
 */
export async function seedDemoCatalogue(dataSource: DataSource): Promise<string> {
  const added = await dataSource.transaction(async (transaction) => {
    const stockItems = new SqlStockItemRepository(transaction);
    const put: StockItem[] = [];
    for (const { sku, onHand } of DEMO_CATALOGUE) {
      const item = StockItem.list(Sku.parse(sku));
      if (onHand > 0) item.receive(onHand);
      if (await stockItems.addIfAbsent(item)) put.push(item);
    }
    const levels = await publishStockLevels(transaction, put, newFlow());
    await projectNow(transaction, [stockAvailabilityProjection], levels);
    return put.length;
  });
  return `demo catalogue: ${added} of ${DEMO_CATALOGUE.length} SKUs put in stock, ${DEMO_CATALOGUE.length - added} already there`;
}

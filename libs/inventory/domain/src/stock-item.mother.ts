// Test data for stock items (an object mother): named situations instead of constructor arguments, so a
// test says which situation it needs ("two left", "all of it promised") and not how to build it.
import { Sku } from './sku';
import { StockItem } from './stock-item';

export const StockItemMother = {
  /** Any counts; `reserved` defaults to none, `version` to an item changed once. */
  with({ sku = 'TENT-2P', onHand, reserved = 0, version = 1 }: { sku?: string; onHand: number; reserved?: number; version?: number }): StockItem {
    return StockItem.restore({ sku, onHand, reserved, version });
  },

  /** `available` on the shelf, none of it promised. */
  withAvailable(available: number, sku = 'TENT-2P'): StockItem {
    return StockItemMother.with({ sku, onHand: available });
  },

  /** Listed, never received. */
  neverReceived(sku = 'KAYAK-1P'): StockItem {
    return StockItem.list(Sku.parse(sku));
  },

  /** Everything on the shelf is promised to orders: on hand, but nothing available. */
  allReserved(sku = 'FILTER-H2O', onHand = 3): StockItem {
    return StockItemMother.with({ sku, onHand, reserved: onHand });
  },
};

// `inventory.stock-short.v1` → `inventory.stock-unavailable.v1`. Inventory first published this fact as
// `stock-short`, listing the short lines under `shortages`, each with what was in stock as `inStock`. The
// current contract uses the words of the inventory domain: `stock-unavailable`, `missing`, `available`.
// Same facts, new names: exactly what an upcaster may do, so inventory.events can still be replayed.
//
// Not an `inventory.stock-unavailable.v0`: the envelope's `version` is a positive integer (envelope.ts).
// And an old contract that carried only `skus: string[]` could NOT be upcast: the current one requires
// `requested` and `available`, and an upcaster must not make numbers up (upcaster.ts).
import { z } from 'zod';
import { StockUnavailable } from '../inventory/inventory.messages';
import { orderId } from '../message-definition';
import { defineUpcaster } from './upcaster';

const stockShortV1 = z
  .object({
    orderId,
    shortages: z
      .array(z.object({ sku: z.string(), requested: z.number().int(), inStock: z.number().int() }).strict())
      .min(1),
  })
  .strict();

export const StockUnavailableFromStockShort = defineUpcaster({
  type: 'inventory.stock-short',
  version: 1,
  payload: stockShortV1,
  to: StockUnavailable,
  upcast: ({ orderId, shortages }) => ({
    orderId,
    missing: shortages.map(({ sku, requested, inStock }) => ({ sku, requested, available: inStock })),
  }),
});

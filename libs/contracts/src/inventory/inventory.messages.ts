// Inventory's messages: the commands the order saga sends it, and the facts it publishes.
import { z } from 'zod';
import { defineMessage, orderId, orderLines } from '../message-definition';
import { Topics } from '../topics';

export const ReserveStock = defineMessage({
  type: 'inventory.reserve-stock',
  version: 1,
  kind: 'command',
  topic: Topics.inventory.commands,
  payload: z.object({ orderId, lines: orderLines }).strict(),
});

export const ReleaseStock = defineMessage({
  type: 'inventory.release-stock',
  version: 1,
  kind: 'command',
  topic: Topics.inventory.commands,
  payload: z.object({ orderId }).strict(),
});

export const CommitStock = defineMessage({
  type: 'inventory.commit-stock',
  version: 1,
  kind: 'command',
  topic: Topics.inventory.commands,
  payload: z.object({ orderId }).strict(),
});

export const StockReserved = defineMessage({
  type: 'inventory.stock-reserved',
  version: 1,
  kind: 'event',
  topic: Topics.inventory.events,
  payload: z.object({ orderId, lines: orderLines }).strict(),
});

export const StockUnavailable = defineMessage({
  type: 'inventory.stock-unavailable',
  version: 1,
  kind: 'event',
  topic: Topics.inventory.events,
  payload: z
    .object({
      orderId,
      missing: z.array(z.object({ sku: z.string(), requested: z.number().int(), available: z.number().int() }).strict()).min(1),
    })
    .strict(),
});

export const StockReleased = defineMessage({
  type: 'inventory.stock-released',
  version: 1,
  kind: 'event',
  topic: Topics.inventory.events,
  payload: z.object({ orderId }).strict(),
});

export const StockCommitted = defineMessage({
  type: 'inventory.stock-committed',
  version: 1,
  kind: 'event',
  topic: Topics.inventory.events,
  payload: z.object({ orderId }).strict(),
});

/**
 * The stock of one SKU after any change (goods received, reserved, released, committed): the state,
 * not the delta, with the item's version. A read model keeps the highest version it has seen, so a
 * duplicate or a late copy changes nothing (docs/patterns/cqrs.md). Keyed by SKU, not by order.
 */
export const StockLevelChanged = defineMessage({
  type: 'inventory.stock-level-changed',
  version: 1,
  kind: 'event',
  topic: Topics.inventory.events,
  payload: z
    .object({
      sku: z.string().min(1).max(64),
      onHand: z.number().int().nonnegative(),
      reserved: z.number().int().nonnegative(),
      stockVersion: z.number().int().positive(),
    })
    .strict(),
});

export const InventoryMessages = [ReserveStock, ReleaseStock, CommitStock, StockReserved, StockUnavailable, StockReleased, StockCommitted, StockLevelChanged];

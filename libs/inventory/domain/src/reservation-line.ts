import { assertQuantity } from './quantity';

/**
 * So many units of one SKU for one order. The SKU is a plain string, not a `Sku`: it comes from an order,
 * and an order may name a SKU the warehouse has never carried (that line is simply unavailable).
 */
export interface ReservationLine {
  readonly sku: string;
  readonly quantity: number;
}

/** A line the warehouse cannot fill: what was asked for, and what there was. */
export interface Shortfall {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}

/**
 * An order's lines as inventory keeps them: one line per SKU (two lines of the same SKU are one request
 * for their sum), in SKU order, so the same order always reads, and is answered, the same way.
 */
export function mergeLines(lines: readonly ReservationLine[]): ReservationLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) {
    assertQuantity(quantity);
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  return [...bySku]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => ({ sku, quantity }));
}

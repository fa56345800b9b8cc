import { InvalidQuantity } from './inventory.errors';

/** Quantities of goods are whole, positive numbers: a line of 0 or -1 units has no meaning. */
export function assertQuantity(value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new InvalidQuantity(value);
}

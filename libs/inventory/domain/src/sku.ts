import { InvalidSku } from './inventory.errors';

/**
 * A stock-keeping unit: the code the warehouse labels a shelf with. A branded string, so a value that
 * has been checked cannot be confused with one that has not, and it still stores, prints and compares
 * as a string. The shape (1–64 letters, digits, `-` or `_`) is also a CHECK on `stock_items.sku`.
 */
export type Sku = string & { readonly __brand: 'Sku' };

const SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

export const Sku = {
  /** The same rule as text, for error messages and API docs. */
  rule: '1–64 letters, digits, "-" or "_"',
  pattern: SHAPE,

  isValid(value: string): value is Sku {
    return SHAPE.test(value);
  },

  parse(value: string): Sku {
    if (!Sku.isValid(value)) throw new InvalidSku(value);
    return value;
  },
};

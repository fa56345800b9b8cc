import { InvalidQuantity } from './inventory.errors';
import { mergeLines } from './reservation-line';

describe('mergeLines', () => {
  it('keeps one line per SKU, the sum of its quantities, in SKU order', () => {
    const lines = mergeLines([
      { sku: 'TENT-2P', quantity: 1 },
      { sku: 'LANTERN-LED', quantity: 2 },
      { sku: 'TENT-2P', quantity: 3 },
    ]);

    expect(lines).toEqual([
      { sku: 'LANTERN-LED', quantity: 2 },
      { sku: 'TENT-2P', quantity: 4 },
    ]);
  });

  it('refuses a line of no units', () => {
    expect(() => mergeLines([{ sku: 'TENT-2P', quantity: 0 }])).toThrow(InvalidQuantity);
  });
});

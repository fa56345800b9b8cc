import { InvalidSku } from './inventory.errors';
import { Sku } from './sku';

describe('Sku', () => {
  it.each(['TENT-2P', 'a', 'bottle_1l', '0123456789', 'X'.repeat(64)])('accepts %s', (value) => {
    expect(Sku.parse(value)).toBe(value);
  });

  it.each(['', 'X'.repeat(65), 'tent 2p', 'tent/2p', 'zelt-ä', 'tent.2p', '../etc'])('refuses "%s"', (value) => {
    expect(Sku.isValid(value)).toBe(false);
    expect(() => Sku.parse(value)).toThrow(InvalidSku);
  });
});

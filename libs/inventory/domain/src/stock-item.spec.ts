import { CorruptInventoryState, InsufficientStock, InvalidQuantity, InvalidSku, NotReserved, StockLimitExceeded } from './inventory.errors';
import { Sku } from './sku';
import { StockItem } from './stock-item';
import { StockItemMother } from './stock-item.mother';

describe('StockItem', () => {
  it('starts with nothing on the shelf when it is listed', () => {
    expect(StockItem.list(Sku.parse('KAYAK-1P')).level()).toEqual({ sku: 'KAYAK-1P', onHand: 0, reserved: 0, available: 0 });
  });

  it('counts received goods as on hand and available', () => {
    const item = StockItemMother.with({ onHand: 4, reserved: 1 });

    item.receive(6);

    expect(item.level()).toEqual({ sku: 'TENT-2P', onHand: 10, reserved: 1, available: 9 });
  });

  it('refuses a receipt that would overflow its counter, and keeps its count', () => {
    const item = StockItemMother.with({ onHand: StockItem.MAX_ON_HAND - 1 });

    expect(() => item.receive(2)).toThrow(StockLimitExceeded);
    expect(item.onHand).toBe(StockItem.MAX_ON_HAND - 1);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a quantity of %s', (quantity) => {
    const item = StockItemMother.withAvailable(5);

    expect(() => item.receive(quantity)).toThrow(InvalidQuantity);
    expect(() => item.reserve(quantity)).toThrow(InvalidQuantity);
    expect(item.level()).toMatchObject({ onHand: 5, reserved: 0 });
  });

  describe('never oversells', () => {
    it('reserves up to what is available', () => {
      const item = StockItemMother.with({ onHand: 5, reserved: 2 });

      item.reserve(3);

      expect(item.level()).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    });

    it('refuses to reserve more than is available, and changes nothing', () => {
      const item = StockItemMother.with({ onHand: 5, reserved: 2 });

      expect(() => item.reserve(4)).toThrow(InsufficientStock);
      expect(item.level()).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    });

    it('has nothing available when all of it is promised', () => {
      expect(() => StockItemMother.allReserved().reserve(1)).toThrow(InsufficientStock);
    });
  });

  it('makes released stock available again', () => {
    const item = StockItemMother.with({ onHand: 5, reserved: 3 });

    item.release(2);

    expect(item.level()).toMatchObject({ onHand: 5, reserved: 1, available: 4 });
  });

  it('takes committed stock off the shelf and out of the reservation', () => {
    const item = StockItemMother.with({ onHand: 5, reserved: 3 });

    item.commit(3);

    expect(item.level()).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
  });

  it('refuses to release or commit more than is reserved', () => {
    const item = StockItemMother.with({ onHand: 5, reserved: 1 });

    expect(() => item.release(2)).toThrow(NotReserved);
    expect(() => item.commit(2)).toThrow(NotReserved);
    expect(item.level()).toMatchObject({ onHand: 5, reserved: 1 });
  });

  it.each([
    { onHand: 1, reserved: 2 },
    { onHand: -1, reserved: 0 },
    { onHand: 1, reserved: -1 },
  ])('refuses to restore a state that breaks the invariant: %o', (counts) => {
    expect(() => StockItem.restore({ sku: 'TENT-2P', ...counts })).toThrow(CorruptInventoryState);
  });

  it('refuses to restore an item with a malformed SKU', () => {
    expect(() => StockItem.restore({ sku: 'tent 2p', onHand: 1, reserved: 0 })).toThrow(InvalidSku);
  });
});

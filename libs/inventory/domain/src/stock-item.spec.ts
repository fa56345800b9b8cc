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

  describe('versions every change, so a reader can tell a newer level from an older one', () => {
    it('is at version 1 once listed, and records that level', () => {
      const item = StockItem.list(Sku.parse('KAYAK-1P'));

      expect(item.version).toBe(1);
      expect(item.pullEvents()).toEqual([{ type: 'StockItemChanged', sku: 'KAYAK-1P', onHand: 0, reserved: 0, version: 1 }]);
    });

    it('raises the version by one on every change and records the level after each', () => {
      const item = StockItemMother.with({ onHand: 5, version: 7 });

      item.receive(5);
      item.reserve(4);
      item.release(1);
      item.commit(2);

      expect(item.version).toBe(11);
      expect(item.pullEvents()).toEqual([
        { type: 'StockItemChanged', sku: 'TENT-2P', onHand: 10, reserved: 0, version: 8 },
        { type: 'StockItemChanged', sku: 'TENT-2P', onHand: 10, reserved: 4, version: 9 },
        { type: 'StockItemChanged', sku: 'TENT-2P', onHand: 10, reserved: 3, version: 10 },
        { type: 'StockItemChanged', sku: 'TENT-2P', onHand: 8, reserved: 1, version: 11 },
      ]);
    });

    it('keeps its version, and records nothing, when a change is refused', () => {
      const item = StockItemMother.with({ onHand: StockItem.MAX_ON_HAND - 1, reserved: 1, version: 3 });

      expect(() => item.receive(2)).toThrow(StockLimitExceeded);
      expect(() => item.reserve(StockItem.MAX_ON_HAND)).toThrow(InsufficientStock);
      expect(() => item.release(2)).toThrow(NotReserved);
      expect(() => item.commit(0)).toThrow(InvalidQuantity);

      expect(item.version).toBe(3);
      expect(item.pullEvents()).toEqual([]);
    });

    it('records nothing when restored: loading an item is not a change', () => {
      expect(StockItemMother.with({ onHand: 5, version: 4 }).pullEvents()).toEqual([]);
    });
  });

  it.each([
    { onHand: 1, reserved: 2, version: 1 },
    { onHand: -1, reserved: 0, version: 1 },
    { onHand: 1, reserved: -1, version: 1 },
    { onHand: 1, reserved: 0, version: 0 },
    { onHand: 1, reserved: 0, version: 1.5 },
  ])('refuses to restore a state that breaks the invariant: %o', (state) => {
    expect(() => StockItem.restore({ sku: 'TENT-2P', ...state })).toThrow(CorruptInventoryState);
  });

  it('refuses to restore an item with a malformed SKU', () => {
    expect(() => StockItem.restore({ sku: 'tent 2p', onHand: 1, reserved: 0, version: 1 })).toThrow(InvalidSku);
  });
});

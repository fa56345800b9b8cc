import { CorruptInventoryState, ReservationAlreadyReleased, ReservationNotCommittable } from './inventory.errors';
import { Reservation } from './reservation';
import { ReservationMother } from './reservation.mother';
import { StockItemMother } from './stock-item.mother';

const levels = (stock: { level(): object }[]) => stock.map((item) => item.level());

describe('Reservation', () => {
  describe('request: all lines or none', () => {
    it('holds every line when every line is available', () => {
      const orderId = ReservationMother.anOrderId();
      const tents = StockItemMother.withAvailable(5, 'TENT-2P');
      const stoves = StockItemMother.with({ sku: 'STOVE-GAS', onHand: 3, reserved: 2 });

      const reservation = Reservation.request(orderId, ReservationMother.twoTentsOneStove(), [tents, stoves]);

      expect(reservation.status).toBe('RESERVED');
      expect(levels([tents, stoves])).toEqual([
        { sku: 'TENT-2P', onHand: 5, reserved: 2, available: 3 },
        { sku: 'STOVE-GAS', onHand: 3, reserved: 3, available: 0 },
      ]);
      expect(reservation.pullEvents()).toEqual([
        {
          type: 'StockReservedForOrder',
          orderId,
          lines: [
            { sku: 'STOVE-GAS', quantity: 1 },
            { sku: 'TENT-2P', quantity: 2 },
          ],
        },
      ]);
    });

    it('holds nothing when one line is short, and says what was short', () => {
      const orderId = ReservationMother.anOrderId();
      const tents = StockItemMother.withAvailable(5, 'TENT-2P');
      const stoves = StockItemMother.allReserved('STOVE-GAS', 2);

      const reservation = Reservation.request(orderId, ReservationMother.twoTentsOneStove(), [tents, stoves]);

      expect(reservation.status).toBe('REFUSED');
      expect(tents.reserved).toBe(0); // the line that was available was not held either
      expect(stoves.reserved).toBe(2);
      expect(reservation.pullEvents()).toEqual([{ type: 'ReservationRefused', orderId, shortfall: [{ sku: 'STOVE-GAS', requested: 1, available: 0 }] }]);
    });

    it('counts a SKU the warehouse does not carry as 0 available', () => {
      const reservation = Reservation.request(ReservationMother.anOrderId(), [{ sku: 'NO-SUCH-THING', quantity: 1 }], []);

      expect(reservation.shortfall).toEqual([{ sku: 'NO-SUCH-THING', requested: 1, available: 0 }]);
    });

    it('asks for the sum when an order names a SKU twice', () => {
      const tents = StockItemMother.withAvailable(3, 'TENT-2P');
      const lines = [
        { sku: 'TENT-2P', quantity: 2 },
        { sku: 'TENT-2P', quantity: 2 },
      ];

      const reservation = Reservation.request(ReservationMother.anOrderId(), lines, [tents]);

      expect(reservation.shortfall).toEqual([{ sku: 'TENT-2P', requested: 4, available: 3 }]);
      expect(tents.reserved).toBe(0);
    });
  });

  describe('requestAgain: the same answer, nothing held twice', () => {
    it('answers a reserved order with its lines and reserves nothing more', () => {
      const { reservation, stock, orderId } = ReservationMother.reserved();
      const before = levels(stock);

      reservation.requestAgain();

      expect(levels(stock)).toEqual(before);
      expect(reservation.pullEvents()).toEqual([{ type: 'ReservationRequestedAgain', orderId, answer: { reserved: reservation.lines } }]);
    });

    it('answers a refused order with the same shortfall', () => {
      const { reservation, orderId } = ReservationMother.refused();

      reservation.requestAgain();

      expect(reservation.pullEvents()).toEqual([
        { type: 'ReservationRequestedAgain', orderId, answer: { refused: [{ sku: 'TENT-2P', requested: 3, available: 1 }] } },
      ]);
    });

    it('refuses to reserve for an order that was released before it asked', () => {
      const { reservation } = ReservationMother.releasedBeforeRequest();

      expect(() => reservation.requestAgain()).toThrow(ReservationAlreadyReleased);
      expect(reservation.pullEvents()).toEqual([]);
    });
  });

  describe('release', () => {
    it('gives every held line back to stock', () => {
      const { reservation, stock, orderId } = ReservationMother.reserved();

      reservation.release(stock);

      expect(reservation.status).toBe('RELEASED');
      expect(stock.map((item) => item.reserved)).toEqual([0, 0]);
      expect(reservation.pullEvents()).toEqual([{ type: 'ReservationReleased', orderId, returnedToStock: reservation.lines }]);
    });

    it.each([
      ['released', ReservationMother.released],
      ['refused', ReservationMother.refused],
      ['committed', ReservationMother.committed],
    ] as const)('gives nothing back for a %s reservation, and still answers', (_, situation) => {
      const { reservation, stock, orderId } = situation();
      const before = { status: reservation.status, levels: levels(stock) };

      reservation.release(stock);

      expect({ status: reservation.status, levels: levels(stock) }).toEqual(before);
      expect(reservation.pullEvents()).toEqual([{ type: 'ReservationReleased', orderId, returnedToStock: [] }]);
    });

    it('remembers a release that came before any request', () => {
      const orderId = ReservationMother.anOrderId();

      const reservation = Reservation.releaseBeforeRequest(orderId);

      expect(reservation.toState()).toEqual({ orderId, status: 'RELEASED', lines: [], shortfall: [] });
      expect(reservation.pullEvents()).toEqual([{ type: 'ReservationReleased', orderId, returnedToStock: [] }]);
    });
  });

  describe('commit', () => {
    it('takes every held line off the shelf', () => {
      const { reservation, stock, orderId } = ReservationMother.reserved([{ sku: 'TENT-2P', quantity: 2 }]);

      reservation.commit(stock);

      expect(reservation.status).toBe('COMMITTED');
      expect(levels(stock)).toEqual([{ sku: 'TENT-2P', onHand: 5, reserved: 0, available: 5 }]);
      expect(reservation.pullEvents()).toEqual([{ type: 'ReservationCommitted', orderId, shipped: [{ sku: 'TENT-2P', quantity: 2 }] }]);
    });

    it('changes nothing when committed again, and still answers', () => {
      const { reservation, stock, orderId } = ReservationMother.committed();
      const before = levels(stock);

      reservation.commit(stock);

      expect(levels(stock)).toEqual(before);
      expect(reservation.pullEvents()).toEqual([{ type: 'ReservationCommitted', orderId, shipped: [] }]);
    });

    it.each([
      ['released', ReservationMother.released],
      ['refused', ReservationMother.refused],
      ['released before it was requested', ReservationMother.releasedBeforeRequest],
    ] as const)('refuses to commit a %s reservation: it holds no stock', (_, situation) => {
      const { reservation, stock } = situation();

      expect(() => reservation.commit(stock)).toThrow(ReservationNotCommittable);
      expect(reservation.pullEvents()).toEqual([]);
    });

    it('refuses to work on stock items other than its own', () => {
      const { reservation } = ReservationMother.reserved();

      expect(() => reservation.commit([StockItemMother.withAvailable(9, 'TENT-2P')])).toThrow(CorruptInventoryState);
    });
  });

  it('refuses to restore a refused reservation without its shortfall', () => {
    expect(() => Reservation.restore({ orderId: ReservationMother.anOrderId(), status: 'REFUSED', lines: [], shortfall: [] })).toThrow(CorruptInventoryState);
  });
});

import { PlannedRoute } from '../planning/planned-route';
import { Shipment, ShipmentStateError, type ShipmentStatus } from './shipment';
import { ShipmentMother } from './shipment.mother';

describe('Shipment', () => {
  describe('plan', () => {
    it('starts PLANNED along its route and records ShipmentPlanned with that route', () => {
      const route = ShipmentMother.route();
      const shipment = Shipment.plan({ shipmentId: 'shipment-1', orderId: 'order-1', route });

      expect(shipment.status).toBe('PLANNED');
      expect(shipment.route).toBe(route);
      expect(shipment.pullEvents()).toEqual([{ type: 'ShipmentPlanned', shipmentId: 'shipment-1', orderId: 'order-1', route }]);
    });

    it('hands each event out once', () => {
      const shipment = ShipmentMother.fresh();

      expect(shipment.pullEvents()).toHaveLength(1);
      expect(shipment.pullEvents()).toEqual([]);
    });
  });

  describe('the happy path: dispatch, then deliver', () => {
    it('dispatches a PLANNED shipment and records ShipmentDispatched', () => {
      const shipment = ShipmentMother.planned();

      shipment.dispatch();

      expect(shipment.status).toBe('DISPATCHED');
      expect(shipment.pullEvents()).toEqual([{ type: 'ShipmentDispatched', shipmentId: shipment.shipmentId, orderId: shipment.orderId }]);
    });

    it('delivers a DISPATCHED shipment and records ShipmentDelivered', () => {
      const shipment = ShipmentMother.dispatched();

      shipment.deliver();

      expect(shipment.status).toBe('DELIVERED');
      expect(shipment.pullEvents()).toEqual([{ type: 'ShipmentDelivered', shipmentId: shipment.shipmentId, orderId: shipment.orderId }]);
    });
  });

  describe('cancel', () => {
    it('cancels a shipment still waiting at the depot and records ShipmentCancelled', () => {
      const shipment = ShipmentMother.planned();

      shipment.cancel();

      expect(shipment.status).toBe('CANCELLED');
      expect(shipment.pullEvents()).toEqual([{ type: 'ShipmentCancelled', shipmentId: shipment.shipmentId, orderId: shipment.orderId }]);
    });

    it('changes and records nothing when the shipment is already cancelled', () => {
      const shipment = ShipmentMother.cancelled();

      shipment.cancel();

      expect(shipment.status).toBe('CANCELLED');
      expect(shipment.pullEvents()).toEqual([]);
    });

    it.each([['dispatched', ShipmentMother.dispatched], ['delivered', ShipmentMother.delivered]])(
      'refuses once the goods have left the depot (%s)',
      (_, build) => {
        const shipment = build();
        const before = shipment.status;

        expect(() => shipment.cancel()).toThrow(ShipmentStateError);
        expect(shipment.status).toBe(before);
        expect(shipment.pullEvents()).toEqual([]);
      },
    );
  });

  describe('refuses what its status does not allow, and stays as it was', () => {
    const cases: [string, () => Shipment, 'dispatch' | 'deliver', ShipmentStatus][] = [
      ['dispatch a dispatched shipment twice', ShipmentMother.dispatched, 'dispatch', 'DISPATCHED'],
      ['dispatch a delivered shipment', ShipmentMother.delivered, 'dispatch', 'DELIVERED'],
      ['dispatch a cancelled shipment', ShipmentMother.cancelled, 'dispatch', 'CANCELLED'],
      ['deliver a shipment that never left', ShipmentMother.planned, 'deliver', 'PLANNED'],
      ['deliver a delivered shipment twice', ShipmentMother.delivered, 'deliver', 'DELIVERED'],
      ['deliver a cancelled shipment', ShipmentMother.cancelled, 'deliver', 'CANCELLED'],
    ];

    it.each(cases)('%s', (_, build, action, status) => {
      const shipment = build();

      const attempt = () => shipment[action]();

      expect(attempt).toThrow(ShipmentStateError);
      expect(attempt).toThrow(`is ${status}`);
      expect(shipment.status).toBe(status);
      expect(shipment.pullEvents()).toEqual([]);
    });

    it('says what is wrong and what would be right', () => {
      const shipment = ShipmentMother.planned();

      expect(() => shipment.deliver()).toThrow(`shipment ${shipment.shipmentId} is PLANNED: only a DISPATCHED shipment can be delivered`);
    });
  });

  describe('snapshot and restore', () => {
    it('round-trips through its snapshot without recording anything', () => {
      const original = ShipmentMother.dispatched();

      const restored = Shipment.restore(original.snapshot());

      expect(restored.snapshot()).toEqual(original.snapshot());
      expect(restored.status).toBe('DISPATCHED');
      expect(restored.pullEvents()).toEqual([]);
    });

    it('restores a shipment that behaves like the original', () => {
      const restored = Shipment.restore(ShipmentMother.planned().snapshot());

      restored.dispatch();

      expect(restored.status).toBe('DISPATCHED');
    });
  });
});

describe('PlannedRoute', () => {
  it('keeps one decimal of its distance and knows its ends', () => {
    const route = PlannedRoute.of({ cities: ['A', 'B', 'C'], distanceKm: 0.1 + 0.2 + 12.04, etaMinutes: 50 });

    expect(route.distanceKm).toBe(12.3);
    expect(route.origin).toBe('A');
    expect(route.destination).toBe('C');
  });

  it.each([
    ['no city at all', { cities: [], distanceKm: 1, etaMinutes: 1 }],
    ['a negative distance', { cities: ['A'], distanceKm: -1, etaMinutes: 1 }],
    ['a fractional ETA', { cities: ['A'], distanceKm: 1, etaMinutes: 1.5 }],
  ])('refuses %s', (_, parts) => {
    expect(() => PlannedRoute.of(parts)).toThrow(RangeError);
  });
});

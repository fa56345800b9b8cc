// An object mother (STYLE.md rule 11): shipments in each state of their life, built the way the
// application builds them (planned, then driven through its intent methods), so a test states only
// what matters to it. Used by tests only.
import { randomUUID } from 'node:crypto';
import { PlannedRoute } from '../planning/planned-route';
import { Shipment } from './shipment';

export const ShipmentMother = {
  route: (): PlannedRoute => PlannedRoute.of({ cities: ['Birmingham', 'Coventry', 'Leicester'], distanceKm: 80, etaMinutes: 114 }),

  /** Just planned: waiting at the depot, its ShipmentPlanned still to be published. */
  fresh: (overrides: { shipmentId?: string; orderId?: string; route?: PlannedRoute } = {}): Shipment =>
    Shipment.plan({ shipmentId: randomUUID(), orderId: randomUUID(), route: ShipmentMother.route(), ...overrides }),

  /** Planned, with its events already published: the state a shipment is loaded in. */
  planned: (): Shipment => published(ShipmentMother.fresh()),

  dispatched: (): Shipment => published(ShipmentMother.fresh(), (shipment) => shipment.dispatch()),

  delivered: (): Shipment =>
    published(ShipmentMother.fresh(), (shipment) => {
      shipment.dispatch();
      shipment.deliver();
    }),

  cancelled: (): Shipment => published(ShipmentMother.fresh(), (shipment) => shipment.cancel()),
};

function published(shipment: Shipment, change: (shipment: Shipment) => void = () => undefined): Shipment {
  change(shipment);
  shipment.pullEvents();
  return shipment;
}

// What happened to a shipment, as the domain sees it. These are *domain* events: the application turns
// each into the integration event other services read (RoutePlanned, ShipmentDispatched…) and writes it
// to the outbox in the same transaction as the change (STYLE.md rule 7).
import type { PlannedRoute } from '../planning/planned-route';

interface AboutShipment {
  readonly shipmentId: string;
  readonly orderId: string;
}

export type ShipmentEvent =
  | (AboutShipment & { readonly type: 'ShipmentPlanned'; readonly route: PlannedRoute })
  | (AboutShipment & { readonly type: 'ShipmentDispatched' })
  | (AboutShipment & { readonly type: 'ShipmentDelivered' })
  | (AboutShipment & { readonly type: 'ShipmentCancelled' });

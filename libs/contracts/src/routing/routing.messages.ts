// Routing's messages: the commands the order saga sends it, and the facts about shipments it publishes.
import { z } from 'zod';
import { defineMessage, orderId } from '../message-definition';
import { Topics } from '../topics';

const shipment = { orderId, shipmentId: z.uuid() };

export const PlanRoute = defineMessage({
  type: 'routing.plan-route',
  version: 1,
  kind: 'command',
  topic: Topics.routing.commands,
  payload: z.object({ orderId, destination: z.string().min(1).max(100) }).strict(),
});

export const CancelShipment = defineMessage({
  type: 'routing.cancel-shipment',
  version: 1,
  kind: 'command',
  topic: Topics.routing.commands,
  payload: z.object({ orderId }).strict(),
});

export const RoutePlanned = defineMessage({
  type: 'routing.route-planned',
  version: 1,
  kind: 'event',
  topic: Topics.routing.events,
  payload: z
    .object({
      ...shipment,
      route: z.array(z.string()).min(1),
      distanceKm: z.number().nonnegative(),
      etaMinutes: z.number().int().nonnegative(),
    })
    .strict(),
});

export const RouteUnavailable = defineMessage({
  type: 'routing.route-unavailable',
  version: 1,
  kind: 'event',
  topic: Topics.routing.events,
  payload: z.object({ orderId, destination: z.string(), reason: z.enum(['UNKNOWN_DESTINATION', 'UNREACHABLE']) }).strict(),
});

export const ShipmentDispatched = defineMessage({
  type: 'routing.shipment-dispatched',
  version: 1,
  kind: 'event',
  topic: Topics.routing.events,
  payload: z.object(shipment).strict(),
});

export const ShipmentDelivered = defineMessage({
  type: 'routing.shipment-delivered',
  version: 1,
  kind: 'event',
  topic: Topics.routing.events,
  payload: z.object(shipment).strict(),
});

export const ShipmentCancelled = defineMessage({
  type: 'routing.shipment-cancelled',
  version: 1,
  kind: 'event',
  topic: Topics.routing.events,
  payload: z.object({ orderId }).strict(),
});

export const RoutingMessages = [PlanRoute, CancelShipment, RoutePlanned, RouteUnavailable, ShipmentDispatched, ShipmentDelivered, ShipmentCancelled];

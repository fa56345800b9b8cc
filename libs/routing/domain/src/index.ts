// The routing domain: plain TypeScript, no framework (lint enforces it). See docs/domain/routing.md.
export { Depot, type RouteQuote, type RouteUnavailableReason, type ServedNetwork } from './planning/depot';
export { EtaModel, STANDARD_ETA, type EtaParameters } from './planning/eta-model';
export { PlannedRoute } from './planning/planned-route';
export { InvalidRoadNetworkError, RoadNetwork, UnknownCityError, type Path, type Road } from './network/road-network';
export { UK_DEFAULT_DEPOT, UK_ROAD_NETWORK } from './network/uk-road-network';
export { Shipment, ShipmentStateError, type ShipmentAction, type ShipmentSnapshot, type ShipmentStatus } from './shipment/shipment';
export type { ShipmentEvent } from './shipment/shipment.events';
export type { ShipmentRepository } from './shipment/shipment.repository';

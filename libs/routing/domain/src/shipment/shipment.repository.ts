import type { Shipment } from './shipment';

/**
 * Where shipments are kept (a port: the application provides the adapter). An implementation works
 * inside one unit of work, so what it reads for a change stays consistent until that unit commits.
 */
export interface ShipmentRepository {
  /** The shipment, held for a change until the unit of work ends (two drivers' taps do not interleave). */
  ofId(shipmentId: string): Promise<Shipment | undefined>;
  /** The one shipment of an order, held for a change likewise. */
  ofOrder(orderId: string): Promise<Shipment | undefined>;
  /** Stores a new shipment; refuses a second shipment for the same order. */
  add(shipment: Shipment): Promise<void>;
  /** Stores a changed shipment. */
  save(shipment: Shipment): Promise<void>;
}

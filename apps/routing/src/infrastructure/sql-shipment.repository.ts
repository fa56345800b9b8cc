// The adapter behind the domain's ShipmentRepository port: shipments in PostgreSQL, through the
// EntityManager of the unit of work it was made for (a message's transaction or an HTTP request's).
import { Shipment, type ShipmentRepository, type ShipmentStatus } from '@waybill/routing-domain';
import type { EntityManager } from 'typeorm';

interface ShipmentRow {
  shipment_id: string;
  order_id: string;
  status: ShipmentStatus;
  route: string[];
  /** PostgreSQL's numeric arrives as a string, so no precision is lost on the way. */
  distance_km: string;
  eta_minutes: number;
}

const COLUMNS = `shipment_id, order_id, status, route, distance_km, eta_minutes`;

export class SqlShipmentRepository implements ShipmentRepository {
  constructor(private readonly transaction: EntityManager) {}

  // FOR UPDATE: the row stays locked until the transaction ends, so two changes to one shipment (a
  // driver tapping twice, a cancellation racing a dispatch) run one after the other, and the second
  // sees what the first did.
  async ofId(shipmentId: string): Promise<Shipment | undefined> {
    const rows: ShipmentRow[] = await this.transaction.query(`SELECT ${COLUMNS} FROM shipments WHERE shipment_id = $1 FOR UPDATE`, [shipmentId]);
    return rows.length === 0 ? undefined : restore(rows[0]);
  }

  async ofOrder(orderId: string): Promise<Shipment | undefined> {
    const rows: ShipmentRow[] = await this.transaction.query(`SELECT ${COLUMNS} FROM shipments WHERE order_id = $1 FOR UPDATE`, [orderId]);
    return rows.length === 0 ? undefined : restore(rows[0]);
  }

  /** The table's UNIQUE (order_id) refuses a second shipment for an order, whatever the code above does. */
  async add(shipment: Shipment): Promise<void> {
    const { shipmentId, orderId, status, route, distanceKm, etaMinutes } = shipment.snapshot();
    await this.transaction.query(`INSERT INTO shipments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [shipmentId, orderId, status, route, distanceKm, etaMinutes]);
  }

  /** Only the status ever changes: the route is fixed when the shipment is planned. */
  async save(shipment: Shipment): Promise<void> {
    await this.transaction.query(`UPDATE shipments SET status = $2, updated_at = now() WHERE shipment_id = $1`, [shipment.shipmentId, shipment.status]);
  }
}

function restore(row: ShipmentRow): Shipment {
  return Shipment.restore({
    shipmentId: row.shipment_id,
    orderId: row.order_id,
    status: row.status,
    route: row.route,
    distanceKm: Number(row.distance_km),
    etaMinutes: row.eta_minutes,
  });
}

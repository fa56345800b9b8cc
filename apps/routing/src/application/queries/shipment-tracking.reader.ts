// What both shipment queries read: the shipment-tracking view (application/projections/shipment-tracking),
// a plain SELECT with no aggregate and no lock. The shipments table belongs to the commands alone.
import type { ShipmentStatus } from '@waybill/routing-domain';
import type { EntityManager } from 'typeorm';
import { SHIPMENT_TRACKING } from '../projections/shipment-tracking/shipment-tracking.projection';
import type { ShipmentStepDto, ShipmentTrackingResponseDto } from './shipment-tracking.response.dto';

interface TrackingRow {
  shipment_id: string;
  order_id: string;
  status: ShipmentStatus;
  route: string[];
  /** numeric arrives from PostgreSQL as a string; cast to float8, it arrives as the number the API answers. */
  distance_km: number;
  eta_minutes: number;
  planned_at: Date;
  dispatched_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
}

const KEYS = { orderId: 'order_id', shipmentId: 'shipment_id' } as const;

export async function readShipmentTracking(
  database: Pick<EntityManager, 'query'>,
  by: { orderId: string } | { shipmentId: string },
): Promise<ShipmentTrackingResponseDto | undefined> {
  const [key, value] = Object.entries(by)[0] as [keyof typeof KEYS, string];
  const rows: TrackingRow[] = await database.query(
    `SELECT shipment_id, order_id, status, route, distance_km::float8 AS distance_km, eta_minutes, planned_at, dispatched_at, delivered_at, cancelled_at
       FROM ${SHIPMENT_TRACKING} WHERE ${KEYS[key]} = $1`,
    [value],
  );
  return rows[0] && toResponse(rows[0]);
}

function toResponse(row: TrackingRow): ShipmentTrackingResponseDto {
  const steps: Array<[ShipmentStatus, Date | null]> = [
    ['PLANNED', row.planned_at],
    ['DISPATCHED', row.dispatched_at],
    ['DELIVERED', row.delivered_at],
    ['CANCELLED', row.cancelled_at],
  ];
  return {
    shipmentId: row.shipment_id,
    orderId: row.order_id,
    status: row.status,
    route: row.route,
    distanceKm: row.distance_km,
    etaMinutes: row.eta_minutes,
    timeline: steps.filter((step): step is [ShipmentStatus, Date] => step[1] !== null).map(([status, at]): ShipmentStepDto => ({ status, at: at.toISOString() })),
  };
}

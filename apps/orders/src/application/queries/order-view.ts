import type { OrderStatus, RejectionReason, Shipment } from '@waybill/orders-domain';

/** The order as GET /orders/{orderId} shows it (DESIGN.md, "Public HTTP surface"). */
export interface OrderView {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  lines: Array<{ sku: string; quantity: number }>;
  destination: string;
  rejectionReason?: RejectionReason;
  shipment?: { distanceKm: number; etaMinutes: number; route: string[] };
  history: Array<{ at: string; type: string }>;
  placedAt: string;
}

export interface OrderRow {
  order_id: string;
  customer_id: string;
  status: OrderStatus;
  lines: OrderView['lines'];
  destination: string;
  rejection_reason: RejectionReason | null;
  shipment: Shipment | null;
  created_at: Date;
  history: Array<{ at: string; type: string }> | null;
}

/** Orders with their history, in one query (the history aggregated per order). */
export const ORDER_VIEW_SQL = `
  SELECT o.*, (SELECT json_agg(json_build_object('at', h.at, 'type', h.type) ORDER BY h.seq)
                 FROM order_history h WHERE h.order_id = o.order_id) AS history
    FROM orders o`;

export function toOrderView(row: OrderRow): OrderView {
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    lines: row.lines,
    destination: row.destination,
    ...(row.rejection_reason ? { rejectionReason: row.rejection_reason } : {}),
    ...(row.shipment
      ? { shipment: { distanceKm: Number(row.shipment.distanceKm), etaMinutes: row.shipment.etaMinutes, route: [...row.shipment.route] } }
      : {}),
    history: (row.history ?? []).map((entry) => ({ at: new Date(entry.at).toISOString(), type: entry.type })),
    placedAt: row.created_at.toISOString(),
  };
}

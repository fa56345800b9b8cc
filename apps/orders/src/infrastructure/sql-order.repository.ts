import { Order, type OrderEvent, type OrderRepository, type OrderSnapshot } from '@waybill/orders-domain';
import type { EntityManager } from 'typeorm';

interface OrderRow {
  order_id: string;
  customer_id: string;
  status: OrderSnapshot['status'];
  destination: string;
  lines: OrderSnapshot['lines'];
  rejection_reason: OrderSnapshot['rejectionReason'] | null;
  shipment: OrderSnapshot['shipment'] | null;
  created_at: Date;
}

/**
 * The OrderRepository port on PostgreSQL, bound to one transaction: the order row and (through the
 * caller) its outgoing messages commit together. The events the order recorded are returned so the
 * caller can publish them; its history is theirs to show, in the order view.
 */
export class SqlOrderRepository implements OrderRepository {
  constructor(private readonly transaction: EntityManager) {}

  async find(orderId: string, { lock = true } = {}): Promise<Order | undefined> {
    // Row lock: two transactions changing one order (a reply and a cancel) take turns.
    const rows: OrderRow[] = await this.transaction.query(`SELECT * FROM orders WHERE order_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [orderId]);
    const row = rows[0];
    if (!row) return undefined;
    return Order.restore({
      orderId: row.order_id,
      customerId: row.customer_id,
      status: row.status,
      destination: row.destination,
      lines: row.lines,
      rejectionReason: row.rejection_reason ?? undefined,
      shipment: row.shipment ?? undefined,
      placedAt: row.created_at,
    });
  }

  /** Saves the order; returns the events it recorded since it was loaded. */
  async save(order: Order): Promise<OrderEvent[]> {
    const state = order.snapshot();
    await this.transaction.query(
      `INSERT INTO orders (order_id, customer_id, status, destination, lines, rejection_reason, shipment, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, rejection_reason = EXCLUDED.rejection_reason,
                                            shipment = EXCLUDED.shipment, updated_at = now()`,
      [state.orderId, state.customerId, state.status, state.destination, JSON.stringify(state.lines), state.rejectionReason ?? null,
        state.shipment ? JSON.stringify(state.shipment) : null, state.placedAt],
    );
    return order.pullEvents();
  }
}

import { Reservation, type ReservationRepository, type ReservationStatus, type Shortfall } from '@waybill/inventory-domain';
import type { EntityManager } from 'typeorm';

/** Reservations in `reservations` and `reservation_lines`, read and written through the unit of work's transaction. */
export class SqlReservationRepository implements ReservationRepository {
  constructor(private readonly transaction: EntityManager) {}

  async lockForOrder(orderId: string): Promise<Reservation | undefined> {
    const [row]: Array<{ status: ReservationStatus; shortfall: Shortfall[] | null }> = await this.transaction.query(
      `SELECT status, shortfall FROM reservations WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    if (!row) return undefined;
    const lines: Array<{ sku: string; quantity: number }> = await this.transaction.query(
      `SELECT sku, quantity FROM reservation_lines WHERE order_id = $1`,
      [orderId],
    );
    return Reservation.restore({ orderId, status: row.status, lines, shortfall: row.shortfall ?? [] });
  }

  async add(reservation: Reservation): Promise<void> {
    const { orderId, status, lines, shortfall } = reservation.toState();
    // A plain INSERT, not an upsert: if another transaction reserved for this order meanwhile, this one
    // must fail (and be retried, then find that reservation), not overwrite it.
    await this.transaction.query(`INSERT INTO reservations (order_id, status, shortfall) VALUES ($1, $2, $3::jsonb)`, [
      orderId,
      status,
      status === 'REFUSED' ? JSON.stringify(shortfall) : null,
    ]);
    if (lines.length === 0) return;
    await this.transaction.query(
      `INSERT INTO reservation_lines (order_id, sku, quantity) SELECT $1, sku, quantity FROM unnest($2::text[], $3::integer[]) AS line (sku, quantity)`,
      [orderId, lines.map((line) => line.sku), lines.map((line) => line.quantity)],
    );
  }

  async save(reservation: Reservation): Promise<void> {
    // Only the status changes after a reservation is made: its lines are fixed when it is.
    await this.transaction.query(`UPDATE reservations SET status = $2, updated_at = now() WHERE order_id = $1`, [reservation.orderId, reservation.status]);
  }
}

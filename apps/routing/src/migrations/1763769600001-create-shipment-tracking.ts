import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shipment-tracking view (application/projections/shipment-tracking): routing's events about each
 * order, kept once by id, and the row folded from them that the queries read. Neither refers to the
 * shipments table nor to each other: a view is built from events only, and a rebuild copies and swaps
 * its tables one by one (no foreign keys).
 */
export class CreateShipmentTracking1763769600001 implements MigrationInterface {
  name = 'CreateShipmentTracking1763769600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shipment_tracking_events (
        event_id     uuid PRIMARY KEY,
        order_id     uuid NOT NULL,
        type         text NOT NULL,
        occurred_at  timestamptz NOT NULL,
        payload      jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX shipment_tracking_events_order_idx ON shipment_tracking_events (order_id)`);
    await db.query(`
      CREATE TABLE shipment_tracking (
        order_id       uuid PRIMARY KEY,
        shipment_id    uuid NOT NULL UNIQUE,
        status         text NOT NULL CHECK (status IN ('PLANNED', 'DISPATCHED', 'DELIVERED', 'CANCELLED')),
        route          text[] NOT NULL,
        distance_km    numeric(8, 1) NOT NULL,
        eta_minutes    integer NOT NULL,
        planned_at     timestamptz NOT NULL,
        dispatched_at  timestamptz,
        delivered_at   timestamptz,
        cancelled_at   timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE shipment_tracking`);
    await db.query(`DROP TABLE shipment_tracking_events`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shipments: one per order at most, carrying the planned route. The road network is bundled data, not a table. */
export class CreateShipments1763769600000 implements MigrationInterface {
  name = 'CreateShipments1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shipments (
        shipment_id  uuid PRIMARY KEY,
        order_id     uuid NOT NULL UNIQUE,
        status       text NOT NULL CHECK (status IN ('PLANNED', 'DISPATCHED', 'DELIVERED', 'CANCELLED')),
        route        text[] NOT NULL CHECK (cardinality(route) >= 1),
        distance_km  numeric(8, 1) NOT NULL CHECK (distance_km >= 0),
        eta_minutes  integer NOT NULL CHECK (eta_minutes >= 0),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE shipments`);
  }
}

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ShipmentResponseDto } from '../../shipment.response.dto';
import { GetShipmentOfOrderQuery } from './get-shipment-of-order.query';

/**
 * The read side reads the table directly: no aggregate, no lock (CQRS). numeric arrives from
 * PostgreSQL as a string; the API answers a number.
 */
@QueryHandler(GetShipmentOfOrderQuery)
export class GetShipmentOfOrderHandler implements IQueryHandler<GetShipmentOfOrderQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ orderId }: GetShipmentOfOrderQuery): Promise<ShipmentResponseDto | undefined> {
    const rows: ShipmentResponseDto[] = await this.dataSource.query(
      `SELECT shipment_id AS "shipmentId", order_id AS "orderId", status, route, distance_km::float8 AS "distanceKm", eta_minutes AS "etaMinutes"
         FROM shipments WHERE order_id = $1`,
      [orderId],
    );
    return rows[0];
  }
}

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { readShipmentTracking } from '../shipment-tracking.reader';
import type { ShipmentTrackingResponseDto } from '../shipment-tracking.response.dto';
import { GetShipmentTrackingQuery } from './get-shipment-tracking.query';

/** Read from the shipment-tracking view only (CQRS): the driver's dispatch or delivery is there as soon as it committed. */
@QueryHandler(GetShipmentTrackingQuery)
export class GetShipmentTrackingHandler implements IQueryHandler<GetShipmentTrackingQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ shipmentId }: GetShipmentTrackingQuery): Promise<ShipmentTrackingResponseDto | undefined> {
    // Shipment ids are UUIDs: anything else names no shipment, as for the driver's actions (404, not 400).
    if (!isUUID(shipmentId)) return undefined;
    return readShipmentTracking(this.dataSource.manager, { shipmentId });
  }
}

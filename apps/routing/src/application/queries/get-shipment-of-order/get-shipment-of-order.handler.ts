import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readShipmentTracking } from '../shipment-tracking.reader';
import type { ShipmentTrackingResponseDto } from '../shipment-tracking.response.dto';
import { GetShipmentOfOrderQuery } from './get-shipment-of-order.query';

/** The read side reads the shipment-tracking view, never the shipments the commands change (CQRS). */
@QueryHandler(GetShipmentOfOrderQuery)
export class GetShipmentOfOrderHandler implements IQueryHandler<GetShipmentOfOrderQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ orderId }: GetShipmentOfOrderQuery): Promise<ShipmentTrackingResponseDto | undefined> {
    return readShipmentTracking(this.dataSource.manager, { orderId });
  }
}

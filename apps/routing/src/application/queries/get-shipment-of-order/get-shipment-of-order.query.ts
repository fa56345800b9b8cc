import { Query } from '@nestjs/cqrs';
import type { ShipmentTrackingResponseDto } from '../shipment-tracking.response.dto';

/** The shipment of an order, if it has one. */
export class GetShipmentOfOrderQuery extends Query<ShipmentTrackingResponseDto | undefined> {
  constructor(readonly orderId: string) {
    super();
  }
}

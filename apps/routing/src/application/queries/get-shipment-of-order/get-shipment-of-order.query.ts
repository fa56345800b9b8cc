import { Query } from '@nestjs/cqrs';
import type { ShipmentResponseDto } from '../../shipment.response.dto';

/** The shipment of an order, if it has one. */
export class GetShipmentOfOrderQuery extends Query<ShipmentResponseDto | undefined> {
  constructor(readonly orderId: string) {
    super();
  }
}

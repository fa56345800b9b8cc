import { Query } from '@nestjs/cqrs';
import type { ShipmentTrackingResponseDto } from '../shipment-tracking.response.dto';

/** A shipment's tracking: its status, route and timeline, if there is such a shipment. */
export class GetShipmentTrackingQuery extends Query<ShipmentTrackingResponseDto | undefined> {
  constructor(readonly shipmentId: string) {
    super();
  }
}

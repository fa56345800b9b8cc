import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { ShipmentResponseDto } from '../../shipment.response.dto';

/** The driver hands the goods over: DISPATCHED → DELIVERED, published as ShipmentDelivered (the order then ends DELIVERED). */
export class DeliverShipmentCommand extends Command<ShipmentResponseDto> {
  constructor(
    readonly shipmentId: string,
    /** The HTTP request: the message it causes starts a flow under the request's correlation id. */
    readonly cause: Causation,
  ) {
    super();
  }
}

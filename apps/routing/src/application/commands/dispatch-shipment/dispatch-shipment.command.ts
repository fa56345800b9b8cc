import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { ShipmentResponseDto } from '../../shipment.response.dto';

/** The driver leaves the depot with the shipment: PLANNED → DISPATCHED, published as ShipmentDispatched (the saga then commits the reserved stock and the order becomes DISPATCHED). */
export class DispatchShipmentCommand extends Command<ShipmentResponseDto> {
  constructor(
    readonly shipmentId: string,
    /** The HTTP request: the message it causes starts a flow under the request's correlation id. */
    readonly cause: Causation,
  ) {
    super();
  }
}

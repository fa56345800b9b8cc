import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { newFlow } from '@waybill/contracts';
import { CorrelationId } from '../../correlation-id.decorator';
import { ShipmentResponseDto } from '../../shipment.response.dto';
import { DispatchShipmentCommand } from './dispatch-shipment.command';

@ApiTags('shipments')
@Controller('shipments')
export class DispatchShipmentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 202: the shipment has changed; what follows from it (the order's status) happens asynchronously. */
  @Post(':shipmentId/dispatch')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'The driver leaves the depot with the shipment', description: 'The driver leaves the depot with the shipment: PLANNED → DISPATCHED, published as ShipmentDispatched (the saga then commits the reserved stock and the order becomes DISPATCHED).' })
  @ApiAcceptedResponse({ type: ShipmentResponseDto, description: 'The shipment, now DISPATCHED.' })
  @ApiNotFoundResponse({ description: 'No shipment has this id.' })
  @ApiConflictResponse({ description: 'Only a PLANNED shipment can leave.' })
  dispatch(@Param('shipmentId') shipmentId: string, @CorrelationId() correlationId: string): Promise<ShipmentResponseDto> {
    return this.commands.execute(new DispatchShipmentCommand(shipmentId, newFlow(correlationId)));
  }
}

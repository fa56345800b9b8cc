import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { newFlow } from '@waybill/contracts';
import { CorrelationId } from '../../correlation-id.decorator';
import { ShipmentResponseDto } from '../../shipment.response.dto';
import { DeliverShipmentCommand } from './deliver-shipment.command';

@ApiTags('shipments')
@Controller('shipments')
export class DeliverShipmentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 202: the shipment has changed; what follows from it (the order's status) happens asynchronously. */
  @Post(':shipmentId/deliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'The driver hands the goods over', description: 'The driver hands the goods over: DISPATCHED → DELIVERED, published as ShipmentDelivered (the order then ends DELIVERED).' })
  @ApiAcceptedResponse({ type: ShipmentResponseDto, description: 'The shipment, now DELIVERED.' })
  @ApiNotFoundResponse({ description: 'No shipment has this id.' })
  @ApiConflictResponse({ description: 'Only a DISPATCHED shipment can be delivered.' })
  deliver(@Param('shipmentId') shipmentId: string, @CorrelationId() correlationId: string): Promise<ShipmentResponseDto> {
    return this.commands.execute(new DeliverShipmentCommand(shipmentId, newFlow(correlationId)));
  }
}

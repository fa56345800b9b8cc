import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ShipmentTrackingResponseDto } from '../shipment-tracking.response.dto';
import { GetShipmentTrackingQuery } from './get-shipment-tracking.query';

@ApiTags('shipments')
@Controller('shipments')
export class GetShipmentTrackingHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':shipmentId')
  @ApiOperation({ summary: 'Track a shipment', description: 'Its status, route, distance and ETA, and when it was planned, dispatched, delivered or cancelled.' })
  @ApiOkResponse({ type: ShipmentTrackingResponseDto })
  @ApiNotFoundResponse({ description: 'No shipment has this id.' })
  async track(@Param('shipmentId') shipmentId: string): Promise<ShipmentTrackingResponseDto> {
    const shipment = await this.queries.execute(new GetShipmentTrackingQuery(shipmentId));
    if (!shipment) throw new NotFoundException(`Shipment ${shipmentId} not found`);
    return shipment;
  }
}

import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ShipmentTrackingResponseDto } from '../shipment-tracking.response.dto';
import { GetShipmentOfOrderQuery } from './get-shipment-of-order.query';
import { GetShipmentOfOrderRequestDto } from './get-shipment-of-order.request.dto';

@ApiTags('shipments')
@Controller('shipments')
export class GetShipmentOfOrderHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The shipment of an order, with its route and its timeline' })
  @ApiOkResponse({ type: ShipmentTrackingResponseDto })
  @ApiBadRequestResponse({ description: 'orderId is missing or not a UUID.' })
  @ApiNotFoundResponse({ description: 'The order has no shipment (its route was not planned, or not yet).' })
  async shipmentOfOrder(@Query() { orderId }: GetShipmentOfOrderRequestDto): Promise<ShipmentTrackingResponseDto> {
    const shipment = await this.queries.execute(new GetShipmentOfOrderQuery(orderId));
    if (!shipment) throw new NotFoundException(`Order ${orderId} has no shipment`);
    return shipment;
  }
}

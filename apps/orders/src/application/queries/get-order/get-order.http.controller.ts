import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { OrderView } from '../../projections/order-view/order-view.fold';
import { GetOrderQuery } from './get-order.query';

@ApiTags('orders')
@Controller('orders')
export class GetOrderHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId')
  get(@Param('orderId', new ParseUUIDPipe()) orderId: string): Promise<OrderView> {
    return this.queries.execute(new GetOrderQuery(orderId));
  }
}

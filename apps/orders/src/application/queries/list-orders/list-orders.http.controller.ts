import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { OrdersPage } from './list-orders.handler';
import { ListOrdersQuery } from './list-orders.query';
import { ListOrdersRequest } from './list-orders.request.dto';

@ApiTags('orders')
@Controller('orders')
export class ListOrdersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@Query() filter: ListOrdersRequest): Promise<OrdersPage> {
    return this.queries.execute(new ListOrdersQuery(filter));
  }
}

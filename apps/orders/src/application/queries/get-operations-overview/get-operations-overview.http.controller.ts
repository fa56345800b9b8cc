import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { OperationsOverview } from './get-operations-overview.handler';
import { GetOperationsOverviewQuery } from './get-operations-overview.query';

@ApiTags('operations')
@Controller('operations')
export class GetOperationsOverviewHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** `GET /operations`: orders by status, sagas needing attention, dead letters, read model lag. */
  @Get()
  overview(): Promise<OperationsOverview> {
    return this.queries.execute(new GetOperationsOverviewQuery());
  }
}

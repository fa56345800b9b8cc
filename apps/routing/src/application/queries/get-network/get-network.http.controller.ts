import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetNetworkQuery } from './get-network.query';
import { NetworkResponseDto } from './network.response.dto';

@ApiTags('network')
@Controller('network')
export class GetNetworkHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The cities and roads the depot serves' })
  @ApiOkResponse({ type: NetworkResponseDto })
  network(): Promise<NetworkResponseDto> {
    return this.queries.execute(new GetNetworkQuery());
  }
}

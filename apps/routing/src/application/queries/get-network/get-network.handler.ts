import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Depot } from '@waybill/routing-domain';
import { GetNetworkQuery } from './get-network.query';
import type { NetworkResponseDto } from './network.response.dto';

/** Straight from the bundled network: it is code, not a table, so there is nothing to read. */
@QueryHandler(GetNetworkQuery)
export class GetNetworkHandler implements IQueryHandler<GetNetworkQuery> {
  constructor(private readonly depot: Depot) {}

  async execute(): Promise<NetworkResponseDto> {
    const { depot, cities, roads, unreachable } = this.depot.served();
    return { depot, cities: [...cities], roads: roads.map(({ from, to, distanceKm }) => ({ from, to, distanceKm })), unreachable: [...unreachable] };
  }
}

import { Query } from '@nestjs/cqrs';
import type { NetworkResponseDto } from './network.response.dto';

/** The cities and roads the depot serves. */
export class GetNetworkQuery extends Query<NetworkResponseDto> {}

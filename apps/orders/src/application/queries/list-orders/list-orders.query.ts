import type { ListOrdersRequest } from './list-orders.request.dto';

export class ListOrdersQuery {
  constructor(readonly filter: ListOrdersRequest) {}
}

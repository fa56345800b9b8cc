import type { PlaceOrderRequest } from './place-order.request.dto';

export class PlaceOrderCommand {
  constructor(
    readonly request: PlaceOrderRequest,
    /** The client's Idempotency-Key header, if it sent one. */
    readonly idempotencyKey: string | undefined,
    /** The HTTP request's correlation id: the order's whole story carries it. */
    readonly correlationId: string,
  ) {}
}

export interface PlaceOrderResult {
  orderId: string;
  status: 'PENDING';
}

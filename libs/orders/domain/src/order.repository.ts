import type { Order } from './order';
import type { OrderEvent } from './order-events';

/**
 * Where orders are kept (a port: the application gives an implementation bound to its transaction).
 * `save` stores the order's state, atomically with everything else in that transaction, and hands back
 * the events it recorded, for publishing.
 */
export interface OrderRepository {
  find(orderId: string): Promise<Order | undefined>;
  save(order: Order): Promise<OrderEvent[]>;
}

// The Order aggregate (docs/domain.md): what a customer asked for and where it stands. Plain TypeScript:
// no framework, no database. Changes happen only through intent methods, each guarding the rule in its
// comment, and each recording a domain event that the application turns into an integration event.
import type { OrderEvent } from './order-events';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'DISPATCHED' | 'DELIVERED' | 'REJECTED' | 'CANCELLED';
export type RejectionReason = 'OUT_OF_STOCK' | 'NO_ROUTE' | 'TIMEOUT';
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['DELIVERED', 'REJECTED', 'CANCELLED'];

export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface Shipment {
  readonly shipmentId: string;
  readonly route: readonly string[];
  readonly distanceKm: number;
  readonly etaMinutes: number;
}

export interface OrderSnapshot {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  lines: OrderLine[];
  destination: string;
  rejectionReason?: RejectionReason;
  shipment?: Shipment;
  placedAt: Date;
}

/** A change the current status does not allow. (HTTP use cases check first and answer 409.) */
export class OrderStateError extends Error {
  constructor(orderId: string, status: OrderStatus, attempted: string) {
    super(`order ${orderId} is ${status}: it cannot be ${attempted}`);
    this.name = 'OrderStateError';
  }
}

export class Order {
  private events: OrderEvent[] = [];

  private constructor(private state: OrderSnapshot) {}

  /**
   * A new order starts PENDING. Lines for the same SKU are merged, so stock is reserved once per SKU;
   * an order needs at least one line and every quantity is a positive whole number.
   */
  static place(input: { orderId: string; customerId: string; lines: OrderLine[]; destination: string; at: Date }): Order {
    const merged = new Map<string, number>();
    for (const { sku, quantity } of input.lines) {
      if (!Number.isInteger(quantity) || quantity <= 0) throw new RangeError(`quantity of ${sku} must be a positive whole number`);
      merged.set(sku, (merged.get(sku) ?? 0) + quantity);
    }
    if (merged.size === 0) throw new RangeError('an order needs at least one line');
    const order = new Order({
      orderId: input.orderId,
      customerId: input.customerId,
      status: 'PENDING',
      lines: [...merged].map(([sku, quantity]) => ({ sku, quantity })),
      destination: input.destination.trim(),
      placedAt: input.at,
    });
    order.record({ type: 'OrderPlaced', at: input.at });
    return order;
  }

  static restore(snapshot: OrderSnapshot): Order {
    return new Order({ ...snapshot });
  }

  get id(): string {
    return this.state.orderId;
  }

  get status(): OrderStatus {
    return this.state.status;
  }

  snapshot(): OrderSnapshot {
    return { ...this.state, lines: [...this.state.lines] };
  }

  /** Stock is held and a route exists: the order is confirmed. Only a PENDING order can be. */
  confirm(shipment: Shipment, at: Date): void {
    this.require(['PENDING'], 'confirmed');
    this.state = { ...this.state, status: 'CONFIRMED', shipment };
    this.record({ type: 'OrderConfirmed', at });
  }

  /** The order cannot be fulfilled. Only a PENDING order can be rejected: a confirmed one is cancelled instead. */
  reject(reason: RejectionReason, at: Date): void {
    this.require(['PENDING'], 'rejected');
    this.state = { ...this.state, status: 'REJECTED', rejectionReason: reason };
    this.record({ type: 'OrderRejected', at, reason });
  }

  /** The customer may cancel until the goods leave the depot. */
  cancel(at: Date): void {
    this.require(['PENDING', 'CONFIRMED'], 'cancelled');
    this.state = { ...this.state, status: 'CANCELLED' };
    this.record({ type: 'OrderCancelled', at });
  }

  /** The goods left the depot. Only a confirmed order ships. */
  markDispatched(at: Date): void {
    this.require(['CONFIRMED'], 'dispatched');
    this.state = { ...this.state, status: 'DISPATCHED' };
    this.record({ type: 'OrderDispatched', at });
  }

  /** The goods arrived. Only a dispatched order can be delivered. */
  markDelivered(at: Date): void {
    this.require(['DISPATCHED'], 'delivered');
    this.state = { ...this.state, status: 'DELIVERED' };
    this.record({ type: 'OrderDelivered', at });
  }

  get isCancellable(): boolean {
    return this.state.status === 'PENDING' || this.state.status === 'CONFIRMED';
  }

  /** The events recorded since the last call; the application publishes them. */
  pullEvents(): OrderEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private require(allowed: OrderStatus[], attempted: string): void {
    if (!allowed.includes(this.state.status)) throw new OrderStateError(this.state.orderId, this.state.status, attempted);
  }

  private record(event: OrderEvent): void {
    this.events.push(event);
  }
}

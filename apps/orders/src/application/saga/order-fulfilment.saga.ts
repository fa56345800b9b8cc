// The order-fulfilment saga, step by step, as in the sequence diagrams of docs/patterns/saga.md.
// Orders orchestrates; inventory and routing only answer the commands they are sent.
//
//   reserve-stock   → ReserveStock      ← StockReserved | StockUnavailable (OUT_OF_STOCK)   undo: ReleaseStock
//   plan-route      → PlanRoute         ← RoutePlanned  | RouteUnavailable (NO_ROUTE)       undo: CancelShipment
//   await-dispatch    (the driver)      ← ShipmentDispatched                                 point of no return
//   await-delivery  → CommitStock       ← ShipmentDelivered
//
// A step that gets no answer within its deadline fails with TIMEOUT; whatever was done is undone.
import {
  CancelShipment,
  CommitStock,
  PlanRoute,
  ReleaseStock,
  ReserveStock,
  RoutePlanned,
  RouteUnavailable,
  ShipmentCancelled,
  ShipmentDelivered,
  ShipmentDispatched,
  StockReleased,
  StockReserved,
  StockUnavailable,
  type MessageDefinition,
  type PayloadOf,
} from '@waybill/contracts';
import type { OrderLine, Shipment } from '@waybill/orders-domain';
import { defineSaga, type OutgoingCommand } from '@waybill/saga';
import type { z } from 'zod';

export interface OrderFulfilmentData {
  orderId: string;
  customerId: string;
  lines: OrderLine[];
  destination: string;
  shipment?: Shipment;
}

export interface SagaTimeouts {
  /** How long a participant may take to answer a step. */
  stepMs: number;
  /** How long a participant may take to confirm an undo, before it is sent again. */
  compensationMs: number;
}

/** A command to `definition`'s topic, keyed by the order. */
function send<Schema extends z.ZodType>(definition: MessageDefinition<Schema>, orderId: string, payload: z.input<Schema>): OutgoingCommand {
  return { key: orderId, build: (cause) => definition.create(payload, cause) };
}

export const orderFulfilmentSaga = (timeouts: SagaTimeouts) =>
  defineSaga<OrderFulfilmentData>({
    type: 'order-fulfilment',
    compensationAttempts: 5,
    compensationDeadlineMs: timeouts.compensationMs,
    steps: [
      {
        name: 'reserve-stock',
        action: (order) => send(ReserveStock, order.orderId, { orderId: order.orderId, lines: order.lines }),
        replies: {
          [StockReserved.name]: () => ({ ok: true }),
          [StockUnavailable.name]: () => ({ ok: false, reason: 'OUT_OF_STOCK' }),
        },
        compensation: { action: (order) => send(ReleaseStock, order.orderId, { orderId: order.orderId }), confirmedBy: StockReleased.name },
        deadlineMs: timeouts.stepMs,
      },
      {
        name: 'plan-route',
        action: (order) => send(PlanRoute, order.orderId, { orderId: order.orderId, destination: order.destination }),
        replies: {
          [RoutePlanned.name]: (_, payload) => {
            const { shipmentId, route, distanceKm, etaMinutes } = payload as PayloadOf<typeof RoutePlanned>;
            return { ok: true, data: { shipment: { shipmentId, route, distanceKm, etaMinutes } } };
          },
          [RouteUnavailable.name]: () => ({ ok: false, reason: 'NO_ROUTE' }),
        },
        compensation: { action: (order) => send(CancelShipment, order.orderId, { orderId: order.orderId }), confirmedBy: ShipmentCancelled.name },
        deadlineMs: timeouts.stepMs,
      },
      {
        // Waits for a person (the driver), so no deadline. Once the goods have left, nothing is undone.
        name: 'await-dispatch',
        replies: { [ShipmentDispatched.name]: () => ({ ok: true }) },
        pointOfNoReturn: true,
      },
      {
        // The reserved stock leaves with the goods. Past the point of no return there is nothing to
        // undo, so no deadline either: the outbox guarantees CommitStock arrives, at least once.
        name: 'await-delivery',
        action: (order) => send(CommitStock, order.orderId, { orderId: order.orderId }),
        replies: { [ShipmentDelivered.name]: () => ({ ok: true }) },
      },
    ],
  });

/** Every reply carries the order id: that is how a reply finds its saga. */
export const orderIdOf = (payload: unknown): string => (payload as { orderId: string }).orderId;

import {
  CustomerNotified,
  newFlow,
  OrderCancelled,
  OrderCompensated,
  OrderConfirmed,
  OrderDelivered,
  OrderDispatched,
  OrderNeedsAttention,
  OrderPlaced,
  OrderRejected,
  RoutePlanned,
  ShipmentDelivered,
  ShipmentDispatched,
  StockCommitted,
  StockReleased,
  StockReserved,
  StockUnavailable,
  type MessageDefinition,
} from '@waybill/contracts';
import type { z } from 'zod';
import { foldOrderView, historyType, type OrderViewEvent } from './order-view.fold';

const ORDER_ID = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
const SHIPMENT_ID = '7f9d2d4c-7d36-4d0f-9a0e-5a2bbf6b3e11';
const customer = { orderId: ORDER_ID, customerId: 'customer-42' };
let ids = 0;

/** The event as the view stores it, `seconds` after 10:00, with an id that sorts by creation (unless given). */
function event<Schema extends z.ZodType>(definition: MessageDefinition<Schema>, payload: z.input<Schema>, seconds: number, id?: string): OrderViewEvent {
  const envelope = definition.create(payload, newFlow(ORDER_ID), {
    id: id ?? `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 10, 22, 10, 0, seconds)),
  });
  return { id: envelope.id, type: envelope.type, occurredAt: envelope.occurredAt, payload: envelope.payload };
}
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, seconds)).toISOString();

const placed = event(OrderPlaced, { ...customer, lines: [{ sku: 'BOX-S', quantity: 2 }], destination: 'Manchester' }, 0);
const reserved = event(StockReserved, { orderId: ORDER_ID, lines: [{ sku: 'BOX-S', quantity: 2 }] }, 1);
const planned = event(RoutePlanned, { orderId: ORDER_ID, shipmentId: SHIPMENT_ID, route: ['Birmingham', 'Manchester'], distanceKm: 140, etaMinutes: 165 }, 2);
const confirmed = event(OrderConfirmed, { ...customer, distanceKm: 140, etaMinutes: 165 }, 3);
const toldConfirmed = event(CustomerNotified, { orderId: ORDER_ID, customerId: 'customer-42', notificationId: SHIPMENT_ID, fact: OrderConfirmed.name, channel: 'log', message: 'Your order is confirmed.' }, 4);
const shipped = event(ShipmentDispatched, { orderId: ORDER_ID, shipmentId: SHIPMENT_ID }, 5);
const dispatched = event(OrderDispatched, customer, 6);
const committed = event(StockCommitted, { orderId: ORDER_ID }, 7);
const arrived = event(ShipmentDelivered, { orderId: ORDER_ID, shipmentId: SHIPMENT_ID }, 8);
const delivered = event(OrderDelivered, customer, 9);
const toldDelivered = event(CustomerNotified, { orderId: ORDER_ID, customerId: 'customer-42', notificationId: ORDER_ID, fact: OrderDelivered.name, channel: 'log', message: 'Delivered.' }, 10);
const deliveredStory = [placed, reserved, planned, confirmed, toldConfirmed, shipped, dispatched, committed, arrived, delivered, toldDelivered];

/** A small deterministic PRNG (mulberry32), so a failing shuffle can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The events in a shuffled order, some of them more than once: how Kafka, read-your-writes and a rebuild may deliver them. */
function shuffledWithDuplicates(events: OrderViewEvent[], next: () => number): OrderViewEvent[] {
  const copies = events.flatMap((e) => Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ ...e })));
  for (let i = copies.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copies[i], copies[j]] = [copies[j]!, copies[i]!];
  }
  return copies;
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) return yield items;
  for (const [index, item] of items.entries()) {
    for (const rest of permutations([...items.slice(0, index), ...items.slice(index + 1)])) yield [item, ...rest];
  }
}

describe('foldOrderView', () => {
  it('tells the whole story of a delivered order, from every service', () => {
    expect(foldOrderView(deliveredStory)).toEqual({
      orderId: ORDER_ID,
      customerId: 'customer-42',
      status: 'DELIVERED',
      placedAt: at(0),
      needsAttention: false,
      attentionReason: null,
      attentionSince: null,
      updatedAt: at(10),
      view: {
        orderId: ORDER_ID,
        customerId: 'customer-42',
        status: 'DELIVERED',
        lines: [{ sku: 'BOX-S', quantity: 2 }],
        destination: 'Manchester',
        shipment: { distanceKm: 140, etaMinutes: 165, route: ['Birmingham', 'Manchester'] },
        notifications: [
          { at: at(4), message: 'Your order is confirmed.' },
          { at: at(10), message: 'Delivered.' },
        ],
        history: [
          { at: at(0), type: 'OrderPlaced' },
          { at: at(1), type: 'StockReserved' },
          { at: at(2), type: 'RoutePlanned' },
          { at: at(3), type: 'OrderConfirmed' },
          { at: at(4), type: 'CustomerNotified' },
          { at: at(5), type: 'ShipmentDispatched' },
          { at: at(6), type: 'OrderDispatched' },
          { at: at(7), type: 'StockCommitted' },
          { at: at(8), type: 'ShipmentDelivered' },
          { at: at(9), type: 'OrderDelivered' },
          { at: at(10), type: 'CustomerNotified' },
        ],
        placedAt: at(0),
      },
    });
  });

  it('gives the same view for every arrival order of the events of a confirmed order', () => {
    const story = [placed, reserved, planned, confirmed, toldConfirmed, shipped, dispatched];
    const expected = foldOrderView(story);

    let seen = 0;
    for (const arrival of permutations(story)) {
      expect(foldOrderView(arrival)).toEqual(expected);
      seen++;
    }
    expect(seen).toBe(5040); // 7!: every order the seven events can arrive in
  });

  it('gives the same view whatever the order and however many copies of each event arrive', () => {
    const expected = foldOrderView(deliveredStory);
    const next = random(20261122);

    for (let run = 0; run < 500; run++) expect(foldOrderView(shuffledWithDuplicates(deliveredStory, next))).toEqual(expected);
  });

  it('shows nothing until OrderPlaced is known, however much else is', () => {
    expect(foldOrderView([reserved, planned, confirmed, toldConfirmed])).toBeUndefined();
    expect(foldOrderView([])).toBeUndefined();
  });

  it('follows the state machine, not the last event to arrive: the furthest step, and a terminal status over any step', () => {
    expect(foldOrderView([dispatched, confirmed, placed])!.status).toBe('DISPATCHED');
    const cancelled = event(OrderCancelled, customer, 4);
    expect(foldOrderView([cancelled, placed, confirmed])!.status).toBe('CANCELLED');
  });

  it('says why an order was rejected, what stock was missing, and shows no shipment for a route planned too late', () => {
    const missing = [{ sku: 'BOX-S', requested: 2, available: 0 }];
    const unavailable = event(StockUnavailable, { orderId: ORDER_ID, missing }, 1);
    const rejected = event(OrderRejected, { ...customer, reason: 'OUT_OF_STOCK' }, 2);
    const latePlan = event(RoutePlanned, { orderId: ORDER_ID, shipmentId: SHIPMENT_ID, route: ['Birmingham'], distanceKm: 1, etaMinutes: 1 }, 3);

    const { view, status } = foldOrderView([latePlan, rejected, unavailable, placed])!;

    expect(status).toBe('REJECTED');
    expect(view.rejectionReason).toBe('OUT_OF_STOCK');
    expect(view.missingStock).toEqual(missing);
    expect(view.shipment).toBeUndefined();
  });

  it('orders events of the same millisecond as an order lives through them, whatever their ids', () => {
    const rejected = event(OrderRejected, { ...customer, reason: 'OUT_OF_STOCK' }, 1, 'ffffffff-ffff-4fff-bfff-ffffffffffff');
    const compensated = event(OrderCompensated, customer, 1, '00000000-0000-4000-8000-000000000000');

    expect(foldOrderView([compensated, placed, rejected])!.view.history.map((entry) => entry.type)).toEqual(['OrderPlaced', 'OrderRejected', 'OrderCompensated']);
  });

  it('needs attention from a saga stuck compensating until it is compensated after all, whatever the arrival order', () => {
    const rejected = event(OrderRejected, { ...customer, reason: 'NO_ROUTE' }, 2);
    const stuck = event(OrderNeedsAttention, { ...customer, reason: 'compensating "reserve-stock" got no confirmation after 5 attempts' }, 3);
    const stillStuck = event(OrderNeedsAttention, { ...customer, reason: 'still no confirmation' }, 4);
    const released = event(StockReleased, { orderId: ORDER_ID }, 5);
    const compensated = event(OrderCompensated, customer, 6);

    expect(foldOrderView([stillStuck, rejected, stuck, placed])).toMatchObject({
      needsAttention: true,
      attentionReason: 'still no confirmation',
      attentionSince: at(3),
    });
    expect(foldOrderView([compensated, stuck, released, placed, rejected])).toMatchObject({ needsAttention: false, attentionReason: null, attentionSince: null });
  });

  it('names each history entry after its fact, without the owning service', () => {
    expect(['orders.order-placed', 'inventory.stock-reserved', 'routing.route-planned', 'notifications.customer-notified', 'orders.order-needs-attention'].map(historyType)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'RoutePlanned',
      'CustomerNotified',
      'OrderNeedsAttention',
    ]);
  });
});

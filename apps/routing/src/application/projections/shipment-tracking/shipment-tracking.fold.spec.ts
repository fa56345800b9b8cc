import { randomUUID } from 'node:crypto';
import { newFlow, RoutePlanned, RouteUnavailable, ShipmentCancelled, ShipmentDelivered, ShipmentDispatched, type Envelope } from '@waybill/contracts';
import { trackShipment, type TrackedEvent } from './shipment-tracking.fold';

const orderId = randomUUID();
const shipmentId = randomUUID();
const cause = newFlow(orderId);
const at = (minute: number) => new Date(Date.UTC(2025, 10, 22, 9, minute));
const route = { route: ['Birmingham', 'Coventry', 'Leicester'], distanceKm: 80, etaMinutes: 114 };

const planned = (minute: number) => RoutePlanned.create({ orderId, shipmentId, ...route }, cause, { occurredAt: at(minute) });
const dispatched = (minute: number) => ShipmentDispatched.create({ orderId, shipmentId }, cause, { occurredAt: at(minute) });
const delivered = (minute: number) => ShipmentDelivered.create({ orderId, shipmentId }, cause, { occurredAt: at(minute) });
const cancelled = (minute: number) => ShipmentCancelled.create({ orderId }, cause, { occurredAt: at(minute) });

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

/** The fold of every arrival order of `events`, each also with every event delivered twice: all must agree. */
function trackedInEveryOrder(events: readonly Envelope[]) {
  const answers = permutations(events).flatMap((order) => [trackShipment(order), trackShipment([...order, ...order.slice().reverse()])]);
  for (const answer of answers) expect(answer).toEqual(answers[0]);
  return answers[0];
}

describe('the shipment-tracking fold', () => {
  it('shows nothing before the route is planned, whatever else is known', () => {
    expect(trackShipment([])).toBeUndefined();
    expect(trackedInEveryOrder([dispatched(2), cancelled(1)])).toBeUndefined();
    expect(trackShipment([RouteUnavailable.create({ orderId, destination: 'Atlantis', reason: 'UNKNOWN_DESTINATION' }, cause)])).toBeUndefined();
  });

  it('a planned shipment: the route, its distance and ETA, and when it was planned', () => {
    expect(trackedInEveryOrder([planned(0)])).toEqual({ shipmentId, orderId, status: 'PLANNED', ...route, plannedAt: at(0).toISOString() });
  });

  it('planned, dispatched, delivered: DELIVERED with the whole timeline, in any order and with duplicates', () => {
    expect(trackedInEveryOrder([planned(0), dispatched(10), delivered(50)])).toEqual({
      shipmentId,
      orderId,
      status: 'DELIVERED',
      ...route,
      plannedAt: at(0).toISOString(),
      dispatchedAt: at(10).toISOString(),
      deliveredAt: at(50).toISOString(),
    });
  });

  it('the furthest step wins, even when an earlier one is missing (DELIVERED without its dispatch)', () => {
    expect(trackedInEveryOrder([planned(0), delivered(50)])).toMatchObject({ status: 'DELIVERED', deliveredAt: at(50).toISOString() });
    expect(trackedInEveryOrder([planned(0), dispatched(10)])).toMatchObject({ status: 'DISPATCHED' });
  });

  it('cancelled, answered again, and RoutePlanned repeated after it: CANCELLED since the first cancellation, planned at the first plan', () => {
    const tracking = trackedInEveryOrder([planned(0), cancelled(5), cancelled(7), planned(9)]);

    expect(tracking).toEqual({ shipmentId, orderId, status: 'CANCELLED', ...route, plannedAt: at(0).toISOString(), cancelledAt: at(5).toISOString() });
  });

  it('a cancellation answered before the shipment existed cancels nothing: the route planned afterwards is PLANNED', () => {
    expect(trackedInEveryOrder([cancelled(0), planned(3)])).toEqual({ shipmentId, orderId, status: 'PLANNED', ...route, plannedAt: at(3).toISOString() });
    expect(trackedInEveryOrder([cancelled(0), planned(3), dispatched(4), cancelled(1)])).toMatchObject({ status: 'DISPATCHED' });
  });

  it('same instant: the same answer whichever event comes first (ties broken by id)', () => {
    const first = planned(0);
    const again = RoutePlanned.create({ orderId, shipmentId, ...route, distanceKm: 81 }, cause, { occurredAt: at(0) });
    const expected = [first, again].sort((a, b) => a.id.localeCompare(b.id))[0]!.payload.distanceKm;

    expect(trackedInEveryOrder([first, again])).toMatchObject({ distanceKm: expected });
  });

  it('is pure: it neither changes nor keeps the events it is given', () => {
    const events: TrackedEvent[] = [delivered(50), planned(0), dispatched(10)];
    const before = JSON.stringify(events);

    trackShipment(events);

    expect(JSON.stringify(events)).toBe(before);
  });
});

// Routing, as a provider: do the answers and facts it writes to the outbox satisfy every consumer's
// committed pact with it (libs/contracts/pacts/*-routing.json)? Each message is produced by routing's own
// code path (PlanRouteHandler against the UK network; publishShipmentEvents on a real Shipment) and
// taken from the INSERT INTO outbox it would run (docs/patterns/contract-testing.md).
import { causedBy, newFlow, PlanRoute } from '@waybill/contracts';
import type { ReadModels } from '@waybill/platform';
import { Depot, PlannedRoute, Shipment, UK_DEFAULT_DEPOT, UK_ROAD_NETWORK } from '@waybill/routing-domain';
import { PlanRouteCommand } from '../application/commands/plan-route/plan-route.command';
import { PlanRouteHandler } from '../application/commands/plan-route/plan-route.handler';
import { publishShipmentEvents } from '../application/shipment-events';
import { outboxRecorder, verifyMessages, type MessageProducers } from '@waybill/testing/pact';

const orderId = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
const cause = causedBy(PlanRoute.create({ orderId, destination: 'Manchester' }, newFlow(orderId)));
const depot = Depot.in(UK_ROAD_NETWORK, UK_DEFAULT_DEPOT);
/** The pact is about what leaves routing; its own tracking view (read-your-writes) is tested in shipment-tracking.int-spec.ts. */
const noViews = { projectNow: async () => undefined } as unknown as ReadModels;

/** What PlanRouteHandler writes to the outbox for a new order to `destination` (no shipment yet: every SELECT finds nothing). */
async function planned(destination: string): Promise<Record<string, unknown>> {
  const outbox = outboxRecorder();
  await new PlanRouteHandler(depot, noViews).execute(
    new PlanRouteCommand(orderId, destination, cause, outbox.transaction),
  );
  return outbox.takeOne();
}

/** What publishShipmentEvents writes after `change` to a planned shipment that has been through `before` already. */
async function after(
  change: (shipment: Shipment) => void,
  before: (shipment: Shipment) => void = () => undefined,
) {
  const shipment = Shipment.plan({
    shipmentId: '7f9d2d4c-7d36-4d0f-9a0e-5a2bbf6b3e11',
    orderId,
    route: PlannedRoute.of({ cities: ['Birmingham', 'Manchester'], distanceKm: 140, etaMinutes: 165 }),
  });
  before(shipment);
  shipment.pullEvents();
  change(shipment);
  const outbox = outboxRecorder();
  await publishShipmentEvents(outbox.transaction, shipment, cause);
  return outbox.takeOne();
}

const producers: MessageProducers = {
  'routing.route-planned.v1': () => planned('Manchester'),
  'routing.route-unavailable.v1': () => planned('Atlantis'),
  'routing.shipment-dispatched.v1': () => after((shipment) => shipment.dispatch()),
  'routing.shipment-delivered.v1': () =>
    after(
      (shipment) => shipment.deliver(),
      (shipment) => shipment.dispatch(),
    ),
  'routing.shipment-cancelled.v1': () => after((shipment) => shipment.cancel()),
};

describe('routing.events satisfy their consumers (provider verification: *-routing pacts)', () => {
  it('every message a consumer expects of routing is what routing writes to its outbox', () =>
    verifyMessages('routing', producers));

  it('fails when routing stops sending a field a consumer needs (RoutePlanned without its shipmentId)', async () => {
    const withoutShipmentId: MessageProducers = {
      ...producers,
      'routing.route-planned.v1': async () => {
        const { payload, ...rest } = (await producers['routing.route-planned.v1']()) as {
          payload: Record<string, unknown>;
        };
        const { shipmentId: _dropped, ...remaining } = payload;
        return { ...rest, payload: remaining };
      },
    };
    await expect(verifyMessages('routing', withoutShipmentId)).rejects.toThrow(
      /missing the following keys: shipmentId/,
    );
  });
});

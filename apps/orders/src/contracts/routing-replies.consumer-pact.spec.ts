// Orders, as a consumer of routing.events: what the order-fulfilment saga needs of routing's answers
// (docs/patterns/contract-testing.md), checked through validateMessage and the saga's reply handling.
import { MatchersV3 } from '@pact-foundation/pact';
import {
  RoutePlanned,
  RouteUnavailable,
  ShipmentCancelled,
  ShipmentDelivered,
  ShipmentDispatched,
} from '@waybill/contracts';
import { consumerPact } from '@waybill/testing/pact';
import { sagaReplyTo } from './saga-replies';

const { eachLike, integer, like, number, regex, uuid } = MatchersV3;
const orderId = uuid('2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f');
const shipmentId = uuid('7f9d2d4c-7d36-4d0f-9a0e-5a2bbf6b3e11');

describe('orders reads routing.events (consumer pact: orders-routing)', () => {
  const pact = consumerPact('orders', 'routing');

  it('RoutePlanned completes plan-route and gives the order its shipment', () =>
    pact.receives(
      RoutePlanned,
      {
        orderId,
        shipmentId,
        route: eachLike(like('Birmingham')),
        distanceKm: number(140.5),
        etaMinutes: integer(165),
      },
      (raw) => {
        expect(sagaReplyTo(raw)).toEqual({
          step: 'plan-route',
          orderId: '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f',
          outcome: {
            ok: true,
            data: {
              shipment: {
                shipmentId: '7f9d2d4c-7d36-4d0f-9a0e-5a2bbf6b3e11',
                route: ['Birmingham'],
                distanceKm: 140.5,
                etaMinutes: 165,
              },
            },
          },
        });
      },
    ));

  it('RouteUnavailable fails plan-route with NO_ROUTE', () =>
    pact.receives(
      RouteUnavailable,
      {
        orderId,
        destination: like('Atlantis'),
        reason: regex(/^(UNKNOWN_DESTINATION|UNREACHABLE)$/, 'UNKNOWN_DESTINATION'),
      },
      (raw) => {
        expect(sagaReplyTo(raw)).toMatchObject({
          step: 'plan-route',
          outcome: { ok: false, reason: 'NO_ROUTE' },
        });
      },
    ));

  it('ShipmentDispatched completes await-dispatch', () =>
    pact.receives(ShipmentDispatched, { orderId, shipmentId }, (raw) => {
      expect(sagaReplyTo(raw)).toMatchObject({ step: 'await-dispatch', outcome: { ok: true } });
    }));

  it('ShipmentDelivered completes await-delivery', () =>
    pact.receives(ShipmentDelivered, { orderId, shipmentId }, (raw) => {
      expect(sagaReplyTo(raw)).toMatchObject({ step: 'await-delivery', outcome: { ok: true } });
    }));

  it('ShipmentCancelled confirms the undo of plan-route', () =>
    pact.receives(ShipmentCancelled, { orderId }, (raw) => {
      expect(sagaReplyTo(raw)).toMatchObject({ step: 'plan-route', outcome: 'compensation-confirmed' });
    }));

  it('matches the committed pact (libs/contracts/pacts/orders-routing.json)', () =>
    pact.expectCommittedUpToDate());
});

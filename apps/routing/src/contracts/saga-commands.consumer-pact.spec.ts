// Routing, as a consumer of routing.commands: what it needs of the commands the order saga sends
// (docs/patterns/contract-testing.md). Pact hands each example to the code routing runs on it in
// production: validateMessage (the transport's check), then the message controller, whose command is
// caught at the command bus, before any database.
import { MatchersV3 } from '@pact-foundation/pact';
import { CancelShipment, PlanRoute, type Envelope } from '@waybill/contracts';
import { CancelShipmentCommand } from '../application/commands/cancel-shipment/cancel-shipment.command';
import { CancelShipmentMessageController } from '../application/commands/cancel-shipment/cancel-shipment.message.controller';
import { PlanRouteCommand } from '../application/commands/plan-route/plan-route.command';
import { PlanRouteMessageController } from '../application/commands/plan-route/plan-route.message.controller';
import { commandSentFor, DELIVERY_TRANSACTION, type MessageDelivery } from '@waybill/service-testing';
import { consumerPact } from '@waybill/testing/pact';

const { like, uuid } = MatchersV3;
const ORDER_ID = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
const orderId = uuid(ORDER_ID);

/** The command routing puts on its bus for `raw` (after the transport's validation). */
const commandFrom = (raw: string, deliver: MessageDelivery) => commandSentFor('routing', raw, deliver);

describe('routing reads routing.commands (consumer pact: routing-orders)', () => {
  const pact = consumerPact('routing', 'orders');

  it('PlanRoute becomes a PlanRouteCommand to the order destination', () =>
    // Any city name: one routing does not know is a valid message, answered RouteUnavailable.
    pact.receives(PlanRoute, { orderId, destination: like('Manchester') }, async (raw) => {
      const command = await commandFrom(raw, (bus, envelope, context) =>
        new PlanRouteMessageController(bus).planRoute(envelope as Envelope<never>, context),
      );
      expect(command).toBeInstanceOf(PlanRouteCommand);
      expect(command).toMatchObject({ orderId: ORDER_ID, destination: 'Manchester', transaction: DELIVERY_TRANSACTION });
    }));

  it('CancelShipment becomes a CancelShipmentCommand for its order', () =>
    pact.receives(CancelShipment, { orderId }, async (raw) => {
      const command = await commandFrom(raw, (bus, envelope, context) =>
        new CancelShipmentMessageController(bus).cancelShipment(envelope as Envelope<never>, context),
      );
      expect(command).toBeInstanceOf(CancelShipmentCommand);
      expect(command).toMatchObject({ orderId: ORDER_ID });
    }));

  it('matches the committed pact (libs/contracts/pacts/routing-orders.json)', () =>
    pact.expectCommittedUpToDate());
});

// Routing, as a consumer of routing.commands: what it needs of the commands the order saga sends
// (docs/patterns/contract-testing.md). Pact hands each example to the code routing runs on it in
// production: validateMessage (the transport's check), then the message controller, whose command is
// caught at the command bus, before any database.
import type { CommandBus } from '@nestjs/cqrs';
import { MatchersV3 } from '@pact-foundation/pact';
import { CancelShipment, PlanRoute, validateMessage, type Envelope } from '@waybill/contracts';
import { MessageContext } from '@waybill/platform';
import type { EntityManager } from 'typeorm';
import { CancelShipmentCommand } from '../application/commands/cancel-shipment/cancel-shipment.command';
import { CancelShipmentMessageController } from '../application/commands/cancel-shipment/cancel-shipment.message.controller';
import { PlanRouteCommand } from '../application/commands/plan-route/plan-route.command';
import { PlanRouteMessageController } from '../application/commands/plan-route/plan-route.message.controller';
import { consumerPact } from '@waybill/testing/pact';

const { like, uuid } = MatchersV3;
const ORDER_ID = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
const orderId = uuid(ORDER_ID);
const transaction = {} as EntityManager;

/** Runs `deliver` as the transport would, after validateMessage; returns the command it put on the bus. */
async function commandFrom(
  raw: string,
  deliver: (bus: CommandBus, envelope: Envelope, context: MessageContext) => Promise<void>,
) {
  const validation = validateMessage(raw);
  if (!validation.ok)
    throw new Error(`routing would dead-letter this message: ${validation.reason} ${validation.detail}`);
  const sent: unknown[] = [];
  const bus = { execute: async (command: unknown) => void sent.push(command) } as unknown as CommandBus;
  const context = new MessageContext([
    validation.envelope,
    transaction,
    { topic: validation.definition.topic, partition: 0, offset: '0' },
  ]);
  await deliver(bus, validation.envelope, context);
  expect(sent).toHaveLength(1);
  return sent[0];
}

describe('routing reads routing.commands (consumer pact: routing-orders)', () => {
  const pact = consumerPact('routing', 'orders');

  it('PlanRoute becomes a PlanRouteCommand to the order destination', () =>
    // Any city name: one routing does not know is a valid message, answered RouteUnavailable.
    pact.receives(PlanRoute, { orderId, destination: like('Manchester') }, async (raw) => {
      const command = await commandFrom(raw, (bus, envelope, context) =>
        new PlanRouteMessageController(bus).planRoute(envelope as Envelope<never>, context),
      );
      expect(command).toBeInstanceOf(PlanRouteCommand);
      expect(command).toMatchObject({ orderId: ORDER_ID, destination: 'Manchester', transaction });
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

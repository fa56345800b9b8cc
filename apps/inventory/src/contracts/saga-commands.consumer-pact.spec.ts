// Inventory, as a consumer of inventory.commands: what it needs of the commands the order saga sends
// (docs/patterns/contract-testing.md). Pact hands each example to the code inventory runs on it in
// production: validateMessage (the transport's check), then the message controller, whose command is
// caught at the command bus, before any database.
import { MatchersV3 } from '@pact-foundation/pact';
import { CommitStock, ReleaseStock, ReserveStock, type Envelope } from '@waybill/contracts';
import { CommitStockCommand } from '../application/commands/commit-stock/commit-stock.command';
import { CommitStockMessageController } from '../application/commands/commit-stock/commit-stock.message.controller';
import { ReleaseStockCommand } from '../application/commands/release-stock/release-stock.command';
import { ReleaseStockMessageController } from '../application/commands/release-stock/release-stock.message.controller';
import { ReserveStockCommand } from '../application/commands/reserve-stock/reserve-stock.command';
import { ReserveStockMessageController } from '../application/commands/reserve-stock/reserve-stock.message.controller';
import { commandSentFor, DELIVERY_TRANSACTION, type MessageDelivery } from '@waybill/service-testing';
import { consumerPact } from '@waybill/testing/pact';

const { eachLike, integer, regex, uuid } = MatchersV3;
const ORDER_ID = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
const orderId = uuid(ORDER_ID);

/** The command inventory puts on its bus for `raw` (after the transport's validation). */
const commandFrom = (raw: string, deliver: MessageDelivery) => commandSentFor('inventory', raw, deliver);

describe('inventory reads inventory.commands (consumer pact: inventory-orders)', () => {
  const pact = consumerPact('inventory', 'orders');

  it('ReserveStock becomes a ReserveStockCommand for its order and lines', () =>
    pact.receives(
      ReserveStock,
      // The SKU rule is inventory's own (Sku.parse); the message only has to carry a non-empty code.
      { orderId, lines: eachLike({ sku: regex(/^\S{1,64}$/, 'BOX-S'), quantity: integer(2) }) },
      async (raw) => {
        const command = await commandFrom(raw, (bus, envelope, context) =>
          new ReserveStockMessageController(bus).reserveStock(envelope as Envelope<never>, context),
        );
        expect(command).toBeInstanceOf(ReserveStockCommand);
        expect(command).toMatchObject({
          orderId: ORDER_ID,
          lines: [{ sku: 'BOX-S', quantity: 2 }],
          transaction: DELIVERY_TRANSACTION,
        });
      },
    ));

  it('ReleaseStock becomes a ReleaseStockCommand for its order', () =>
    pact.receives(ReleaseStock, { orderId }, async (raw) => {
      const command = await commandFrom(raw, (bus, envelope, context) =>
        new ReleaseStockMessageController(bus).releaseStock(envelope as Envelope<never>, context),
      );
      expect(command).toBeInstanceOf(ReleaseStockCommand);
      expect(command).toMatchObject({ orderId: ORDER_ID });
    }));

  it('CommitStock becomes a CommitStockCommand for its order', () =>
    pact.receives(CommitStock, { orderId }, async (raw) => {
      const command = await commandFrom(raw, (bus, envelope, context) =>
        new CommitStockMessageController(bus).commitStock(envelope as Envelope<never>, context),
      );
      expect(command).toBeInstanceOf(CommitStockCommand);
      expect(command).toMatchObject({ orderId: ORDER_ID });
    }));

  it('matches the committed pact (libs/contracts/pacts/inventory-orders.json)', () =>
    pact.expectCommittedUpToDate());
});

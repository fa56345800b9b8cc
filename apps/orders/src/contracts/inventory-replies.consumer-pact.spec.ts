// Orders, as a consumer of inventory.events: what the order-fulfilment saga needs of inventory's answers
// (docs/patterns/contract-testing.md). Pact hands each example to the code orders runs on it in
// production: validateMessage (the transport's check), then the saga's own reply handling.
import { MatchersV3 } from '@pact-foundation/pact';
import { StockReleased, StockReserved, StockUnavailable } from '@waybill/contracts';
import { consumerPact } from '@waybill/testing/pact';
import { sagaReplyTo } from './saga-replies';

const { eachLike, integer, like, uuid } = MatchersV3;
const orderId = uuid('2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f');

describe('orders reads inventory.events (consumer pact: orders-inventory)', () => {
  const pact = consumerPact('orders', 'inventory');

  it('StockReserved completes the reserve-stock step of the order it names', () =>
    pact.receives(
      StockReserved,
      { orderId, lines: eachLike({ sku: like('BOX-S'), quantity: integer(2) }) },
      (raw) => {
        const reply = sagaReplyTo(raw);
        expect(reply).toEqual({
          step: 'reserve-stock',
          orderId: '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f',
          outcome: { ok: true },
        });
      },
    ));

  it('StockUnavailable fails the reserve-stock step with OUT_OF_STOCK', () =>
    pact.receives(
      StockUnavailable,
      { orderId, missing: eachLike({ sku: like('BOX-S'), requested: integer(2), available: integer(0) }) },
      (raw) => {
        expect(sagaReplyTo(raw)).toMatchObject({
          step: 'reserve-stock',
          outcome: { ok: false, reason: 'OUT_OF_STOCK' },
        });
      },
    ));

  it('StockReleased confirms the undo of reserve-stock', () =>
    pact.receives(StockReleased, { orderId }, (raw) => {
      expect(sagaReplyTo(raw)).toEqual({
        step: 'reserve-stock',
        orderId: '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f',
        outcome: 'compensation-confirmed',
      });
    }));

  it('matches the committed pact (libs/contracts/pacts/orders-inventory.json)', () =>
    pact.expectCommittedUpToDate());
});

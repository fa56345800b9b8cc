// Notifications, as a consumer of orders.events: what it needs of the facts orders publishes to tell a
// customer (docs/patterns/contract-testing.md). Pact hands each example to the code notifications runs
// on it in production: validateMessage (the transport's check), then the subscriber, which translates
// it into OrderNews (order-news.translator.ts); the command is caught at the bus, before any database.
import { MatchersV3 } from '@pact-foundation/pact';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderDispatched,
  OrderRejected,
} from '@waybill/contracts';
import type { OrderNews } from '@waybill/notifications-domain';
import { NotifyCustomerOnOrderCancelled } from '../application/commands/notify-customer/notify-customer-on-order-cancelled.subscriber';
import { NotifyCustomerOnOrderConfirmed } from '../application/commands/notify-customer/notify-customer-on-order-confirmed.subscriber';
import { NotifyCustomerOnOrderDelivered } from '../application/commands/notify-customer/notify-customer-on-order-delivered.subscriber';
import { NotifyCustomerOnOrderDispatched } from '../application/commands/notify-customer/notify-customer-on-order-dispatched.subscriber';
import { NotifyCustomerOnOrderRejected } from '../application/commands/notify-customer/notify-customer-on-order-rejected.subscriber';
import { NotifyCustomerCommand } from '../application/commands/notify-customer/notify-customer.command';
import { commandSentFor, type MessageDelivery } from '@waybill/service-testing';
import { consumerPact } from '@waybill/testing/pact';

const { integer, like, number, regex, uuid } = MatchersV3;
const ORDER_ID = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
const customer = { orderId: uuid(ORDER_ID), customerId: like('customer-42') };

/** Runs `subscriber` as the transport would, after validateMessage; returns the news it asked to tell. */
async function newsFrom(raw: string, subscriber: MessageDelivery): Promise<OrderNews> {
  const command = await commandSentFor('notifications', raw, subscriber);
  expect(command).toBeInstanceOf(NotifyCustomerCommand);
  return (command as NotifyCustomerCommand).news;
}

describe('notifications reads orders.events (consumer pact: notifications-orders)', () => {
  const pact = consumerPact('notifications', 'orders');

  it('OrderConfirmed tells the customer how far and how long', () =>
    pact.receives(
      OrderConfirmed,
      { ...customer, distanceKm: number(140.5), etaMinutes: integer(165) },
      async (raw) => {
        const news = await newsFrom(raw, (bus, envelope, context) =>
          new NotifyCustomerOnOrderConfirmed(bus).notifyCustomer(envelope, context),
        );
        expect(news).toEqual({
          orderId: ORDER_ID,
          customerId: 'customer-42',
          fact: 'ORDER_CONFIRMED',
          distanceKm: 140.5,
          etaMinutes: 165,
        });
      },
    ));

  it('OrderRejected tells the customer why, for every reason it has words for', () =>
    pact.receives(
      OrderRejected,
      { ...customer, reason: regex(/^(OUT_OF_STOCK|NO_ROUTE|TIMEOUT)$/, 'OUT_OF_STOCK') },
      async (raw) => {
        const news = await newsFrom(raw, (bus, envelope, context) =>
          new NotifyCustomerOnOrderRejected(bus).notifyCustomer(envelope, context),
        );
        expect(news).toEqual({
          orderId: ORDER_ID,
          customerId: 'customer-42',
          fact: 'ORDER_REJECTED',
          reason: 'OUT_OF_STOCK',
        });
      },
    ));

  it('OrderCancelled', () =>
    pact.receives(OrderCancelled, customer, async (raw) => {
      const news = await newsFrom(raw, (bus, envelope, context) =>
        new NotifyCustomerOnOrderCancelled(bus).notifyCustomer(envelope, context),
      );
      expect(news).toEqual({ orderId: ORDER_ID, customerId: 'customer-42', fact: 'ORDER_CANCELLED' });
    }));

  it('OrderDispatched', () =>
    pact.receives(OrderDispatched, customer, async (raw) => {
      const news = await newsFrom(raw, (bus, envelope, context) =>
        new NotifyCustomerOnOrderDispatched(bus).notifyCustomer(envelope, context),
      );
      expect(news).toEqual({ orderId: ORDER_ID, customerId: 'customer-42', fact: 'ORDER_DISPATCHED' });
    }));

  it('OrderDelivered', () =>
    pact.receives(OrderDelivered, customer, async (raw) => {
      const news = await newsFrom(raw, (bus, envelope, context) =>
        new NotifyCustomerOnOrderDelivered(bus).notifyCustomer(envelope, context),
      );
      expect(news).toEqual({ orderId: ORDER_ID, customerId: 'customer-42', fact: 'ORDER_DELIVERED' });
    }));

  it('matches the committed pact (libs/contracts/pacts/notifications-orders.json)', () =>
    pact.expectCommittedUpToDate());
});

// Notifications, as a provider: does what it writes to the outbox about a notification satisfy every
// consumer's committed pact with it (libs/contracts/pacts/*-notifications.json)? The message is produced
// by notifications' own code path (a Notification composed from the news, announced by
// publishCustomerNotified through the shipped sender's channel) and taken from the INSERT INTO outbox it
// would run (docs/patterns/contract-testing.md).
import { causedBy, newFlow, OrderConfirmed } from '@waybill/contracts';
import { Notification } from '@waybill/notifications-domain';
import { outboxRecorder, verifyMessages, type MessageProducers } from '@waybill/testing/pact';
import type { PinoLogger } from 'nestjs-pino';
import { publishCustomerNotified } from '../application/customer-notified';
import { LogNotificationSender } from '../infrastructure/log-notification.sender';

const orderId = '2c1d8a9e-3f5b-4c6d-8e7f-9a0b1c2d3e4f';
const news = { orderId, customerId: 'customer-42', distanceKm: 140, etaMinutes: 165 };
const cause = causedBy(OrderConfirmed.create(news, newFlow(orderId)));
const sender = new LogNotificationSender({ info: () => undefined } as unknown as PinoLogger);

/** What the notify-customer handler writes to the outbox once it has told the customer that their order is confirmed. */
async function customerNotified(): Promise<Record<string, unknown>> {
  const outbox = outboxRecorder();
  await publishCustomerNotified(outbox.transaction, Notification.about({ ...news, fact: 'ORDER_CONFIRMED' }), sender.channel, cause);
  return outbox.takeOne();
}

const producers: MessageProducers = {
  'notifications.customer-notified.v1': customerNotified,
};

describe('notifications.events satisfy their consumers (provider verification: *-notifications pacts)', () => {
  it('every message a consumer expects of notifications is what notifications writes to its outbox', () =>
    verifyMessages('notifications', producers));

  it('fails when notifications stops sending a field a consumer needs (CustomerNotified without its message)', async () => {
    const withoutMessage: MessageProducers = {
      'notifications.customer-notified.v1': async () => {
        const { payload, ...rest } = (await customerNotified()) as { payload: Record<string, unknown> };
        const { message: _dropped, ...remaining } = payload;
        return { ...rest, payload: remaining };
      },
    };
    await expect(verifyMessages('notifications', withoutMessage)).rejects.toThrow(/missing the following keys: message/);
  });
});

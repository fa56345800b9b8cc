import { randomUUID } from 'node:crypto';
import type { Notification, NotificationLog, NotificationSender, OrderNews } from '@waybill/notifications-domain';
import type { EntityManager } from 'typeorm';
import { NotifyCustomerCommand } from './notify-customer.command';
import { NotifyCustomerHandler } from './notify-customer.handler';

/** The log's contract in memory: at most one notification per (order, fact), like the table's unique key. */
class InMemoryNotificationLog implements NotificationLog {
  readonly recorded: Notification[] = [];
  async recordIfFirst(notification: Notification): Promise<boolean> {
    if (this.recorded.some((other) => other.idempotencyKey === notification.idempotencyKey)) return false;
    this.recorded.push(notification);
    return true;
  }
}

class RecordingSender implements NotificationSender {
  readonly sent: Notification[] = [];
  failWith?: Error;
  async send(notification: Notification): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push(notification);
  }
}

describe('NotifyCustomerHandler', () => {
  const transaction = { name: 'the message’s transaction' } as unknown as EntityManager;
  const delivered = (): OrderNews => ({ orderId: randomUUID(), customerId: 'customer-7', fact: 'ORDER_DELIVERED' });
  let log: InMemoryNotificationLog;
  let sender: RecordingSender;
  let logsOpened: EntityManager[];
  let handler: NotifyCustomerHandler;

  beforeEach(() => {
    log = new InMemoryNotificationLog();
    sender = new RecordingSender();
    logsOpened = [];
    handler = new NotifyCustomerHandler((tx) => {
      logsOpened.push(tx);
      return log;
    }, sender);
  });

  it('records the notification in the message’s transaction, then sends that same notification', async () => {
    const news = delivered();

    const outcome = await handler.execute(new NotifyCustomerCommand(news, transaction));

    expect(outcome).toBe('notified');
    expect(logsOpened).toEqual([transaction]);
    expect(log.recorded).toHaveLength(1);
    expect(sender.sent).toEqual(log.recorded);
    expect(sender.sent[0]).toMatchObject({ orderId: news.orderId, customerId: 'customer-7', fact: 'ORDER_DELIVERED' });
  });

  it('sends nothing for a fact the customer was already told about (a copy under a new message id)', async () => {
    const news = delivered();
    await handler.execute(new NotifyCustomerCommand(news, transaction));

    const outcome = await handler.execute(new NotifyCustomerCommand(news, transaction));

    expect(outcome).toBe('already-notified');
    expect(log.recorded).toHaveLength(1);
    expect(sender.sent).toHaveLength(1);
  });

  it('still notifies another fact of the same order', async () => {
    const news = delivered();
    await handler.execute(new NotifyCustomerCommand({ ...news, fact: 'ORDER_DISPATCHED' }, transaction));

    expect(await handler.execute(new NotifyCustomerCommand(news, transaction))).toBe('notified');
    expect(sender.sent.map((notification) => notification.fact)).toEqual(['ORDER_DISPATCHED', 'ORDER_DELIVERED']);
  });

  it('lets a failed send through, so the transport rolls the record back and retries the message', async () => {
    const failure = new Error('SMTP server unreachable');
    sender.failWith = failure;

    await expect(handler.execute(new NotifyCustomerCommand(delivered(), transaction))).rejects.toBe(failure);
  });

  it('does not send when the notification could not be recorded', async () => {
    log.recordIfFirst = () => Promise.reject(new Error('database said no'));

    await expect(handler.execute(new NotifyCustomerCommand(delivered(), transaction))).rejects.toThrow('database said no');
    expect(sender.sent).toEqual([]);
  });
});

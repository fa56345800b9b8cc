import { randomUUID } from 'node:crypto';
import type { EventBus } from '@nestjs/cqrs';
import { causedBy, CustomerNotified, messageName, OrderDelivered, newFlow, type Envelope } from '@waybill/contracts';
import type { Notification, NotificationLog, NotificationSender, OrderNews } from '@waybill/notifications-domain';
import { AfterCommitReactions, type ReadModels } from '@waybill/platform';
import type { PinoLogger } from 'nestjs-pino';
import type { DataSource, EntityManager, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { CustomerNotifiedEvent } from './customer-notified.event';
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
  readonly channel = 'sms';
  readonly sent: Notification[] = [];
  failWith?: Error;
  async send(notification: Notification): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push(notification);
  }
}

/** An open transaction that keeps what is written to the outbox; `end` commits or rolls it back as TypeORM would tell its subscribers. */
function messageTransaction(subscriber: AfterCommitReactions) {
  const outbox: Envelope[] = [];
  const queryRunner = { isTransactionActive: true, data: {} } as { isTransactionActive: boolean; data: Record<string, unknown> };
  const transaction = {
    queryRunner,
    query: async (sql: string, parameters: unknown[] = []) => {
      if (/^\s*INSERT INTO outbox\b/i.test(sql)) outbox.push(JSON.parse(String(parameters[4])));
      return [];
    },
  } as unknown as EntityManager;
  const end = (outcome: 'commit' | 'rollback') => {
    queryRunner.isTransactionActive = false;
    const event = { queryRunner: queryRunner as unknown as QueryRunner };
    if (outcome === 'commit') subscriber.afterTransactionCommit(event as TransactionCommitEvent);
    else subscriber.afterTransactionRollback(event as TransactionRollbackEvent);
  };
  return { transaction, outbox, end };
}

describe('NotifyCustomerHandler', () => {
  const delivered = (): OrderNews => ({ orderId: randomUUID(), customerId: 'customer-7', fact: 'ORDER_DELIVERED' });
  const causeOf = (news: OrderNews) => causedBy(OrderDelivered.create({ orderId: news.orderId, customerId: news.customerId }, newFlow(news.orderId)));
  let log: InMemoryNotificationLog;
  let sender: RecordingSender;
  let logsOpened: EntityManager[];
  let projected: Envelope[][];
  let published: unknown[];
  let afterCommit: AfterCommitReactions;
  let tx: ReturnType<typeof messageTransaction>;
  let handler: NotifyCustomerHandler;

  beforeEach(() => {
    log = new InMemoryNotificationLog();
    sender = new RecordingSender();
    logsOpened = [];
    projected = [];
    published = [];
    afterCommit = new AfterCommitReactions({ subscribers: [] } as unknown as DataSource, { warn: jest.fn() } as unknown as PinoLogger);
    tx = messageTransaction(afterCommit);
    const readModels = { projectNow: async (_: EntityManager, events: Envelope[]) => void projected.push([...events]) } as unknown as ReadModels;
    const events = { publish: (event: unknown) => void published.push(event) } as unknown as EventBus;
    handler = new NotifyCustomerHandler(
      (transaction) => {
        logsOpened.push(transaction);
        return log;
      },
      sender,
      readModels,
      events,
    );
  });
  const notify = (news: OrderNews) => handler.execute(new NotifyCustomerCommand(news, causeOf(news), tx.transaction));

  it('records the notification in the message’s transaction, then sends that same notification', async () => {
    const news = delivered();

    const outcome = await notify(news);

    expect(outcome).toBe('notified');
    expect(logsOpened).toEqual([tx.transaction]);
    expect(log.recorded).toHaveLength(1);
    expect(sender.sent).toEqual(log.recorded);
    expect(sender.sent[0]).toMatchObject({ orderId: news.orderId, customerId: 'customer-7', fact: 'ORDER_DELIVERED' });
  });

  it('announces what it told in the same transaction (CustomerNotified in the outbox), in the flow of the order’s fact', async () => {
    const news = delivered();
    const cause = causeOf(news);

    await handler.execute(new NotifyCustomerCommand(news, cause, tx.transaction));

    const [sent] = sender.sent;
    expect(tx.outbox).toHaveLength(1);
    expect(messageName(tx.outbox[0])).toBe(CustomerNotified.name);
    expect(tx.outbox[0]).toMatchObject({ correlationId: cause.correlationId, causationId: cause.causationId });
    expect(tx.outbox[0].payload).toEqual({
      orderId: news.orderId,
      notificationId: sent.notificationId,
      customerId: 'customer-7',
      fact: OrderDelivered.name,
      channel: 'sms',
      message: sent.message,
    });
  });

  it('shows the announcement in its own view in that transaction (read-your-writes)', async () => {
    await notify(delivered());

    expect(projected).toHaveLength(1);
    expect(projected[0].map((event) => event.id)).toEqual(tx.outbox.map((event) => event.id));
  });

  it('publishes CustomerNotifiedEvent on the EventBus only once the transaction commits', async () => {
    await notify(delivered());
    expect(published).toEqual([]);

    tx.end('commit');

    expect(published).toEqual([new CustomerNotifiedEvent(sender.sent[0], 'sms')]);
  });

  it('publishes nothing on the EventBus when the transaction rolls back', async () => {
    await notify(delivered());

    tx.end('rollback');

    expect(published).toEqual([]);
  });

  it('sends, announces and publishes nothing for a fact the customer was already told about (a copy under a new message id)', async () => {
    const news = delivered();
    await notify(news);

    const outcome = await notify(news);
    tx.end('commit');

    expect(outcome).toBe('already-notified');
    expect(log.recorded).toHaveLength(1);
    expect(sender.sent).toHaveLength(1);
    expect(tx.outbox).toHaveLength(1);
    expect(published).toHaveLength(1);
  });

  it('still notifies another fact of the same order', async () => {
    const news = delivered();
    await notify({ ...news, fact: 'ORDER_DISPATCHED' });

    expect(await notify(news)).toBe('notified');
    expect(sender.sent.map((notification) => notification.fact)).toEqual(['ORDER_DISPATCHED', 'ORDER_DELIVERED']);
  });

  it('lets a failed send through, so the transport rolls the record back and retries the message; nothing is announced', async () => {
    const failure = new Error('SMTP server unreachable');
    sender.failWith = failure;

    await expect(notify(delivered())).rejects.toBe(failure);
    expect(tx.outbox).toEqual([]);
  });

  it('does not send when the notification could not be recorded', async () => {
    log.recordIfFirst = () => Promise.reject(new Error('database said no'));

    await expect(notify(delivered())).rejects.toThrow('database said no');
    expect(sender.sent).toEqual([]);
  });
});

import type { PinoLogger } from 'nestjs-pino';
import { Notification } from '@waybill/notifications-domain';
import { randomUUID } from 'node:crypto';
import { LogNotificationSender } from './log-notification.sender';

describe('LogNotificationSender', () => {
  it('tells the customer with one structured "notified customer" log line', async () => {
    const info = jest.fn();
    const sender = new LogNotificationSender({ info } as unknown as PinoLogger);
    const notification = Notification.about({ orderId: randomUUID(), customerId: 'customer-7', fact: 'ORDER_DISPATCHED' });

    await sender.send(notification);

    expect(info).toHaveBeenCalledTimes(1);
    const [fields, line] = info.mock.calls[0];
    expect(line).toBe(`notified customer customer-7: ${notification.message}`);
    expect(fields).toEqual({
      channel: 'log',
      notification: {
        notificationId: notification.notificationId,
        orderId: notification.orderId,
        customerId: 'customer-7',
        fact: 'ORDER_DISPATCHED',
        idempotencyKey: notification.idempotencyKey,
      },
    });
  });
});

// Notifications' public facts: what the customer was told. The order read model (orders) shows them.
import { z } from 'zod';
import { defineMessage, orderId } from '../message-definition';
import { Topics } from '../topics';

export const CustomerNotified = defineMessage({
  type: 'notifications.customer-notified',
  version: 1,
  kind: 'event',
  topic: Topics.notifications.events,
  payload: z
    .object({
      orderId,
      notificationId: z.uuid(),
      /** The customer who was told. */
      customerId: z.string().min(1),
      /** The order fact this notification tells of: `orders.order-confirmed.v1`, … */
      fact: z.string().min(1),
      channel: z.string().min(1),
      message: z.string().min(1),
    })
    .strict(),
});

export const NotificationsMessages = [CustomerNotified];

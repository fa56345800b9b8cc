// Injection tokens for the domain's ports. The ports are TypeScript interfaces (libs/notifications/domain),
// which do not exist at run time, so NestJS needs a value to find their adapters by; the module
// (notifications.module.ts) decides which adapter stands behind each token.
import type { NotificationLog } from '@waybill/notifications-domain';
import type { EntityManager } from 'typeorm';

/** The NotificationSender adapter: how the customer is told (a log line here; e-mail or SMS in real life). */
export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/**
 * The NotificationLog of one unit of work. A repository lives as long as the transaction it writes in (the
 * one the message is handled in, together with its inbox record), so what is injected is a factory.
 */
export const NOTIFICATION_LOG = Symbol('NOTIFICATION_LOG');
export type NotificationLogIn = (transaction: EntityManager) => NotificationLog;

// The notifications domain: plain TypeScript, no framework (lint enforces it). See docs/domain/notifications.md.
export { customerMessageFor } from './customer-message';
export { Notification } from './notification';
export type { NotificationLog } from './notification-log';
export type { NotificationSender } from './notification-sender';
export { ORDER_FACTS, REJECTION_REASONS, type OrderFact, type OrderNews, type OrderOfCustomer, type RejectionReason } from './order-news';

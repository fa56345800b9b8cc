import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule } from '@waybill/platform';
import { NotifyCustomerHandler } from './application/commands/notify-customer/notify-customer.handler';
import { NotifyCustomerOnOrderCancelled } from './application/commands/notify-customer/notify-customer-on-order-cancelled.subscriber';
import { NotifyCustomerOnOrderConfirmed } from './application/commands/notify-customer/notify-customer-on-order-confirmed.subscriber';
import { NotifyCustomerOnOrderDelivered } from './application/commands/notify-customer/notify-customer-on-order-delivered.subscriber';
import { NotifyCustomerOnOrderDispatched } from './application/commands/notify-customer/notify-customer-on-order-dispatched.subscriber';
import { NotifyCustomerOnOrderRejected } from './application/commands/notify-customer/notify-customer-on-order-rejected.subscriber';
import { CountNotificationsOnCustomerNotified } from './application/events/count-notifications/count-notifications-on-customer-notified.handler';
import { ListNotificationsHandler } from './application/queries/list-notifications/list-notifications.handler';
import { ListNotificationsHttpController } from './application/queries/list-notifications/list-notifications.http.controller';
import { LogNotificationSender } from './infrastructure/log-notification.sender';
import { postgresNotificationLogIn } from './infrastructure/postgres-notification-log';
import { NOTIFICATION_LOG, NOTIFICATION_SENDER } from './notifications.tokens';
import { notificationsService } from './notifications.service-definition';

@Module({})
export class NotificationsModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forRoot(notificationsService, env), CqrsModule.forRoot()],
      controllers: [
        // One subscriber per fact of orders.events, each named for what it does (STYLE.md rule 9).
        // OrderPlaced has none on purpose: the transport counts it as `ignored`.
        NotifyCustomerOnOrderConfirmed,
        NotifyCustomerOnOrderRejected,
        NotifyCustomerOnOrderCancelled,
        NotifyCustomerOnOrderDispatched,
        NotifyCustomerOnOrderDelivered,
        ListNotificationsHttpController,
      ],
      providers: [
        NotifyCustomerHandler,
        ListNotificationsHandler,
        // After-commit reactions on the in-memory EventBus: only what may be lost (a metric).
        CountNotificationsOnCustomerNotified,
        // The adapters behind the domain's ports. An e-mail or SMS sender would replace the log one here.
        { provide: NOTIFICATION_SENDER, useClass: LogNotificationSender },
        { provide: NOTIFICATION_LOG, useValue: postgresNotificationLogIn },
      ],
    };
  }
}

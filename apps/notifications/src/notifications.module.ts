import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@waybill/platform';
import { notificationsService } from './notifications.service-definition';

@Module({})
export class NotificationsModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return { module: NotificationsModule, imports: [PlatformModule.forRoot(notificationsService, env)] };
  }
}

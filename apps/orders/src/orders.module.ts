import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@waybill/platform';
import { ordersService } from './orders.service-definition';

@Module({})
export class OrdersModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return { module: OrdersModule, imports: [PlatformModule.forRoot(ordersService, env)] };
  }
}

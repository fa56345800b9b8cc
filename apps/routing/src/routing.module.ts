import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@waybill/platform';
import { routingService } from './routing.service-definition';

@Module({})
export class RoutingModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return { module: RoutingModule, imports: [PlatformModule.forRoot(routingService, env)] };
  }
}

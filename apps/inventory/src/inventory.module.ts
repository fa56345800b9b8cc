import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@waybill/platform';
import { inventoryService } from './inventory.service-definition';

@Module({})
export class InventoryModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return { module: InventoryModule, imports: [PlatformModule.forRoot(inventoryService, env)] };
  }
}

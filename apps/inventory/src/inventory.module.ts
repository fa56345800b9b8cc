import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule } from '@waybill/platform';
import { CommitStockHandler } from './application/commands/commit-stock/commit-stock.handler';
import { CommitStockMessageController } from './application/commands/commit-stock/commit-stock.message.controller';
import { CountUnitsReceivedOnGoodsReceived } from './application/commands/receive-goods/count-units-received-on-goods-received.subscriber';
import { ReceiveGoodsHandler } from './application/commands/receive-goods/receive-goods.handler';
import { ReceiveGoodsHttpController } from './application/commands/receive-goods/receive-goods.http.controller';
import { ReleaseStockHandler } from './application/commands/release-stock/release-stock.handler';
import { ReleaseStockMessageController } from './application/commands/release-stock/release-stock.message.controller';
import { ReserveStockHandler } from './application/commands/reserve-stock/reserve-stock.handler';
import { ReserveStockMessageController } from './application/commands/reserve-stock/reserve-stock.message.controller';
import { GetStockHandler } from './application/queries/get-stock/get-stock.handler';
import { GetStockHttpController } from './application/queries/get-stock/get-stock.http.controller';
import { inventoryService } from './inventory.service-definition';

@Module({})
export class InventoryModule {
  /** `env` is a parameter so tests can start the service against their own schema and topics. */
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: InventoryModule,
      imports: [PlatformModule.forRoot(inventoryService, env), CqrsModule.forRoot()],
      controllers: [
        // The saga's commands (inventory.commands), one controller per use case.
        ReserveStockMessageController,
        ReleaseStockMessageController,
        CommitStockMessageController,
        // The HTTP API of DESIGN.md.
        GetStockHttpController,
        ReceiveGoodsHttpController,
      ],
      providers: [
        ReserveStockHandler,
        ReleaseStockHandler,
        CommitStockHandler,
        ReceiveGoodsHandler,
        GetStockHandler,
        // After-commit reactions on the in-process EventBus (metrics only: it may lose an event).
        CountUnitsReceivedOnGoodsReceived,
      ],
    };
  }
}

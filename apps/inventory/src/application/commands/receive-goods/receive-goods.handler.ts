import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { newFlow } from '@waybill/contracts';
import { StockItem, type StockLevel } from '@waybill/inventory-domain';
import { ReadModels } from '@waybill/platform';
import { DataSource } from 'typeorm';
import { SqlStockItemRepository } from '../../../infrastructure/sql-stock-item.repository';
import { publishStockLevels } from '../../publish-stock-levels';
import { GoodsReceived } from './goods-received.event';
import { ReceiveGoodsCommand } from './receive-goods.command';

/**
 * Books a delivery: on hand goes up by the quantity; a SKU seen for the first time is listed first.
 * The row is locked like a reservation locks it, so a receipt and a reservation of the same SKU never
 * overwrite each other's counts.
 *
 * The new level is published (StockLevelChanged, through the outbox) and applied to the stock view in
 * the same transaction (read-your-writes): GET /stock/{sku} answers it as soon as this returns.
 */
@CommandHandler(ReceiveGoodsCommand)
export class ReceiveGoodsHandler implements ICommandHandler<ReceiveGoodsCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModels: ReadModels,
    private readonly events: EventBus,
  ) {}

  async execute({ sku, quantity }: ReceiveGoodsCommand): Promise<StockLevel> {
    const level = await this.dataSource.transaction(async (transaction) => {
      const stockItems = new SqlStockItemRepository(transaction);
      await stockItems.addIfAbsent(StockItem.list(sku));
      const [item] = await stockItems.lockInSkuOrder([sku]);
      item.receive(quantity);
      await stockItems.save([item]);
      // A delivery starts a flow of its own: nothing on Kafka caused it.
      await this.readModels.projectNow(transaction, await publishStockLevels(transaction, [item], newFlow()));
      return item.level();
    });
    this.events.publish(new GoodsReceived(sku, quantity)); // only once the receipt has committed
    return level;
  }
}

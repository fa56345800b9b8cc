import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { StockItem, type StockLevel } from '@waybill/inventory-domain';
import { DataSource } from 'typeorm';
import { SqlStockItemRepository } from '../../../infrastructure/sql-stock-item.repository';
import { ReceiveGoodsCommand } from './receive-goods.command';

/**
 * Books a delivery: on hand goes up by the quantity; a SKU seen for the first time is listed first.
 * The row is locked like a reservation locks it, so a receipt and a reservation of the same SKU never
 * overwrite each other's counts.
 *
 * Nothing is published: no other service needs stock levels, so inventory has no contract for them yet.
 * One would be written to the outbox here, in this transaction (docs/patterns/outbox.md).
 */
@CommandHandler(ReceiveGoodsCommand)
export class ReceiveGoodsHandler implements ICommandHandler<ReceiveGoodsCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ sku, quantity }: ReceiveGoodsCommand): Promise<StockLevel> {
    return this.dataSource.transaction(async (transaction) => {
      const stockItems = new SqlStockItemRepository(transaction);
      await stockItems.addIfAbsent(StockItem.list(sku));
      const [item] = await stockItems.lockInSkuOrder([sku]);
      item.receive(quantity);
      await stockItems.save([item]);
      return item.level();
    });
  }
}

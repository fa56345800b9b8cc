import { Command } from '@nestjs/cqrs';
import type { Sku, StockLevel } from '@waybill/inventory-domain';

/** Goods of one SKU arrived at the depot; the answer is the SKU's stock level afterwards. */
export class ReceiveGoodsCommand extends Command<StockLevel> {
  constructor(
    readonly sku: Sku,
    readonly quantity: number,
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { Sku, StockLevel } from '@waybill/inventory-domain';

/** The stock level of one SKU; undefined when the warehouse has never carried it. */
export class GetStockQuery extends Query<StockLevel | undefined> {
  constructor(readonly sku: Sku) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { Sku } from '@waybill/inventory-domain';
import type { StockAvailability } from '../../projections/stock-availability/stock-availability.projection';

/** The stock level of one SKU, from the stock view; undefined when the warehouse has never carried it. */
export class GetStockQuery extends Query<StockAvailability | undefined> {
  constructor(readonly sku: Sku) {
    super();
  }
}

// The ports through which the application loads and stores the inventory's aggregates. Adapters (SQL in
// apps/inventory/src/infrastructure) implement them inside one database transaction: everything a
// use case changes, and the messages it publishes, commit together or not at all.
import type { Reservation } from './reservation';
import type { StockItem } from './stock-item';

export interface StockItemRepository {
  /**
   * The stock items of these SKUs that exist (unknown SKUs are left out), held against every other
   * writer until the transaction ends. They are taken one after another in SKU order, the same order in
   * every transaction, so two orders that share SKUs wait for each other in turn instead of each
   * holding one SKU and waiting for the other's (a deadlock).
   */
  lockInSkuOrder(skus: readonly string[]): Promise<StockItem[]>;
  /** Stores a new item, unless its SKU exists already: then the stored one stays as it is. True when stored now. */
  addIfAbsent(item: StockItem): Promise<boolean>;
  /** Stores the counts of items loaded with `lockInSkuOrder`. */
  save(items: readonly StockItem[]): Promise<void>;
}

export interface ReservationRepository {
  /** The order's reservation, held against concurrent change until the transaction ends; undefined if it has none. */
  lockForOrder(orderId: string): Promise<Reservation | undefined>;
  /** Stores a new reservation. Fails if the order has one already, so two racing first requests cannot both reserve. */
  add(reservation: Reservation): Promise<void>;
  /** Stores the new status of a reservation loaded with `lockForOrder`. */
  save(reservation: Reservation): Promise<void>;
}

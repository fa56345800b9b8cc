import { SERVICE_MESSAGING } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { stockAvailabilityProjection } from './application/projections/stock-availability/stock-availability.projection';
import { InventoryMigrations } from './migrations';

/** The inventory service reserves, releases and commits stock for orders. */
export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  defaultPort: 3001,
  // Declared with the published message catalogue (docs/asyncapi.md), so the two cannot disagree.
  consumes: SERVICE_MESSAGING.inventory.consumes,
  // GET /stock/{sku} reads this view only (docs/patterns/cqrs.md).
  projections: [stockAvailabilityProjection],
  entities: [],
  migrations: InventoryMigrations,
};

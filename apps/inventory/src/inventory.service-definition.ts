import { SERVICE_MESSAGING } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { InventoryMigrations } from './migrations';

/** The inventory service reserves, releases and commits stock for orders. */
export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  defaultPort: 3001,
  // Declared with the published message catalogue (docs/asyncapi.md), so the two cannot disagree.
  consumes: SERVICE_MESSAGING.inventory.consumes,
  entities: [],
  migrations: InventoryMigrations,
};

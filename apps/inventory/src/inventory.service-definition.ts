import { Topics } from '@waybill/contracts';
import type { ServiceDefinition } from '@waybill/platform';
import { InventoryMigrations } from './migrations';

/** The inventory service reserves, releases and commits stock for orders. */
export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  defaultPort: 3001,
  consumes: [Topics.inventory.commands],
  entities: [],
  migrations: InventoryMigrations,
};

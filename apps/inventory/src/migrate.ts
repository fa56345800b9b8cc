// Applies the inventory service's pending database migrations (run by `npm start` before the service);
// with SEED_DEMO_DATA=true (which `npm start` sets), also puts the demo catalogue in stock, idempotently.
import 'reflect-metadata';
import { migrateService } from '@waybill/platform';
import { seedDemoCatalogue } from './application/seed-demo-catalogue';
import { inventoryService } from './inventory.service-definition';

migrateService(inventoryService, seedDemoCatalogue);

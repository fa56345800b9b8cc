// Applies the inventory service's pending database migrations (run by `npm start` before the service).
import 'reflect-metadata';
import { migrateService } from '@waybill/platform';
import { inventoryService } from './inventory.service-definition';

migrateService(inventoryService);

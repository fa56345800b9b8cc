// Applies the orders service's pending database migrations (run by `npm start` before the service).
import 'reflect-metadata';
import { migrateService } from '@waybill/platform';
import { ordersService } from './orders.service-definition';

migrateService(ordersService);

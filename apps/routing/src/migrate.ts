// Applies the routing service's pending database migrations (run by `npm start` before the service).
import 'reflect-metadata';
import { migrateService } from '@waybill/platform';
import { routingService } from './routing.service-definition';

migrateService(routingService);

// Applies the notifications service's pending database migrations (run by `npm start` before the service).
import 'reflect-metadata';
import { migrateService } from '@waybill/platform';
import { notificationsService } from './notifications.service-definition';

migrateService(notificationsService);

// Rebuilds the notifications service's read models from the event topics (run by `npm run read-model:rebuild`).
import 'reflect-metadata';
import { rebuildReadModels } from '@waybill/platform';
import { notificationsService } from './notifications.service-definition';

rebuildReadModels(notificationsService);

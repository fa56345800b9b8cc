// Rebuilds the inventory service's read models from the event topics while the service keeps answering
// (run by `npm run read-model:rebuild [view]`, tools/read-models; docs/patterns/cqrs.md).
import 'reflect-metadata';
import { rebuildReadModels } from '@waybill/platform';
import { inventoryService } from './inventory.service-definition';

rebuildReadModels(inventoryService);

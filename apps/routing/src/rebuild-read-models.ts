// Rebuilds the routing service's read models from the event topics while it keeps answering
// (run by `npm run read-model:rebuild [view]`, tools/read-models; docs/patterns/cqrs.md).
import 'reflect-metadata';
import { rebuildReadModels } from '@waybill/platform';
import { routingService } from './routing.service-definition';

rebuildReadModels(routingService);

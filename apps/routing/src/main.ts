// Entry point of the routing service: HTTP on PORT (default 3002) and its Kafka consumer, one process.
import 'reflect-metadata';
import { runService } from '@waybill/platform';
import { RoutingModule } from './routing.module';

runService(() => RoutingModule.register());

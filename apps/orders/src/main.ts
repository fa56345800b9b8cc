// Entry point of the orders service: HTTP on PORT (default 3000) and its Kafka consumer, one process.
import 'reflect-metadata';
import { runService } from '@waybill/platform';
import { OrdersModule } from './orders.module';

runService(() => OrdersModule.register());

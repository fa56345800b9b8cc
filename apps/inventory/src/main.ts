// Entry point of the inventory service: HTTP on PORT (default 3001) and its Kafka consumer, one process.
import 'reflect-metadata';
import { runService } from '@waybill/platform';
import { InventoryModule } from './inventory.module';

runService(() => InventoryModule.register());

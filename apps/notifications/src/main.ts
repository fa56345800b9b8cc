// Entry point of the notifications service: HTTP on PORT (default 3003) and its Kafka consumer, one process.
import 'reflect-metadata';
import { runService } from '@waybill/platform';
import { NotificationsModule } from './notifications.module';

runService(() => NotificationsModule.register());

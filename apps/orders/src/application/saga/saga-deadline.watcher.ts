import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { OrderFulfilment } from './order-fulfilment.engine';

/** Fires saga deadlines (TIMEOUT, compensation resends) twice a second. Safe with several replicas. */
@Injectable()
export class SagaDeadlineWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly saga: OrderFulfilment,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return; // one pass at a time
      this.running = this.saga
        .fireDueDeadlines(this.dataSource, new Date(), 50, (orderId, error) => this.logger.warn({ err: error, orderId }, 'saga deadline could not be fired; trying again'))
        .catch((error: Error) => this.logger.warn({ err: error }, 'saga deadlines could not be checked; trying again'))
        .finally(() => (this.running = undefined));
    }, 500);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

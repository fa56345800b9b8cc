import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Kafka, type Admin } from 'kafkajs';
import { KafkaConsumerStatus } from '../kafka/consumer-status';

/**
 * Kafka is healthy for a service when two things hold: the cluster answers (an admin metadata request),
 * and this service's consumer is in its group and consuming. The second catches the failure a
 * connection check misses: a consumer that died while the process lives on.
 */
@Injectable()
export class KafkaHealthIndicator implements OnModuleDestroy {
  private admin?: Admin;

  constructor(
    private readonly kafka: Kafka,
    private readonly consumer: KafkaConsumerStatus,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'kafka') {
    const indicator = this.indicators.check(key);
    try {
      this.admin ??= this.kafka.admin();
      await this.admin.connect(); // a no-op once connected; reconnects after a broker restart
      const { brokers } = await withTimeout(this.admin.describeCluster(), 2_000);
      // Read the consumer's state once, after the wait: the answer and its details must agree.
      const consumer = this.consumer.describe();
      if (consumer.state !== 'consuming') return indicator.down({ brokers: brokers.length, consumer });
      return indicator.up({ brokers: brokers.length, consumer });
    } catch (error) {
      return indicator.down({ message: `cluster unreachable: ${(error as Error).message}`, consumer: this.consumer.describe() });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { Inject, type OnModuleDestroy } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { ALL_TOPICS } from '@waybill/contracts';
import { ReadModels, SERVICE_CONFIG, type ReadModelStatus, type ServiceConfig } from '@waybill/platform';
import type { OrderStatus } from '@waybill/orders-domain';
import { Kafka, type Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { GetOperationsOverviewQuery } from './get-operations-overview.query';

const ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'DISPATCHED', 'DELIVERED', 'REJECTED', 'CANCELLED'];

export interface OperationsOverview {
  /** Every status, with 0 where there is none: a dashboard should not have to know the list. */
  ordersByStatus: Record<OrderStatus, number>;
  /** Sagas whose compensation kept failing, oldest first (docs/patterns/saga.md, "When compensation fails"). */
  sagasNeedingAttention: Array<{ orderId: string; reason: string | null; since: string | null }>;
  /** Dead letters waiting on each `.dlq` topic of the platform (parked and not purged). */
  deadLetters: Array<{ topic: string; count: number }>;
  /** The order view's projector and how many events it has still to apply. */
  readModels: Record<string, ReadModelStatus>;
  at: string;
}

/**
 * The operations view: everything an operator needs on one page, from read models and Kafka, never
 * from the write model. Orders by status and sagas needing attention are the order view's (projected
 * from OrderNeedsAttention / OrderCompensated); dead letters are counted from the topics' offsets.
 */
@QueryHandler(GetOperationsOverviewQuery)
export class GetOperationsOverviewHandler implements IQueryHandler<GetOperationsOverviewQuery, OperationsOverview>, OnModuleDestroy {
  /** One admin connection for every request, opened on the first. */
  private admin?: Admin;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModels: ReadModels,
    private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async execute(): Promise<OperationsOverview> {
    const [byStatus, attention, deadLetters, readModels] = await Promise.all([
      this.dataSource.query(`SELECT status, count(*)::int AS count FROM order_view GROUP BY status`) as Promise<Array<{ status: OrderStatus; count: number }>>,
      this.dataSource.query(
        `SELECT order_id, attention_reason, attention_since FROM order_view WHERE needs_attention ORDER BY attention_since NULLS LAST, order_id`,
      ) as Promise<Array<{ order_id: string; attention_reason: string | null; attention_since: Date | null }>>,
      this.countDeadLetters(),
      this.readModels.status(),
    ]);
    const ordersByStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<OrderStatus, number>;
    for (const row of byStatus) ordersByStatus[row.status] = row.count;
    return {
      ordersByStatus,
      sagasNeedingAttention: attention.map((row) => ({ orderId: row.order_id, reason: row.attention_reason, since: row.attention_since?.toISOString() ?? null })),
      deadLetters,
      readModels,
      at: new Date().toISOString(),
    };
  }

  /** Per `.dlq` topic: high watermark − low watermark over its partitions (purging moves the low one up). */
  private async countDeadLetters(): Promise<Array<{ topic: string; count: number }>> {
    const deadLetterTopics = [...new Set(ALL_TOPICS.map((topic) => topic.name).filter((name) => name.endsWith('.dlq')))];
    this.admin ??= this.kafka.admin();
    const admin = this.admin;
    await admin.connect(); // a no-op once connected; reconnects after a broker restart
    return Promise.all(
      deadLetterTopics.map(async (topic) => {
        const offsets = await admin.fetchTopicOffsets(`${this.config.TOPIC_PREFIX}${topic}`);
        return { topic, count: offsets.reduce((sum, { high, low }) => sum + Number(BigInt(high) - BigInt(low)), 0) };
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect();
  }
}

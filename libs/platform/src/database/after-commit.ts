// Reactions that must wait for a transaction to commit, and may be lost: publishing on the in-memory
// EventBus (@nestjs/cqrs). A message handler runs inside the transport's transaction (with its inbox
// record) and never sees it end; what it wants done only once its work is durable, it leaves here.
// TypeORM tells its subscribers when a query runner commits or rolls back, and `queryRunner.data` is its
// place for such per-transaction notes. Registered for every service by PlatformModule.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

type Reaction = () => void;
const REACTIONS = 'afterCommit';

/**
 * Runs `reaction` once `transaction` has committed; never if it rolls back. Nothing that must happen belongs
 * here: a crash between the commit and the reaction loses it (that is what the outbox is for).
 */
export function afterCommit(transaction: EntityManager, reaction: Reaction): void {
  const runner = transaction.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('afterCommit needs the EntityManager of an open transaction');
  ((runner.data[REACTIONS] ??= []) as Reaction[]).push(reaction);
}

/** The TypeORM subscriber that runs what afterCommit left on a transaction, registered on the service's DataSource. */
@Injectable()
export class AfterCommitReactions implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectPinoLogger(AfterCommitReactions.name) private readonly logger: PinoLogger,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // Still active: a savepoint was released, the transaction goes on (and may yet roll back).
    if (queryRunner.isTransactionActive) return;
    for (const reaction of this.take(queryRunner)) {
      // The commit is done: a failing reaction must not turn it into an error the transport would retry.
      try {
        reaction();
      } catch (error) {
        this.logger.warn({ err: error }, 'a reaction after commit failed; the committed work stands');
      }
    }
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.take(queryRunner);
  }

  private take(queryRunner: QueryRunner): Reaction[] {
    const reactions = (queryRunner.data[REACTIONS] ?? []) as Reaction[];
    delete queryRunner.data[REACTIONS];
    return reactions;
  }
}

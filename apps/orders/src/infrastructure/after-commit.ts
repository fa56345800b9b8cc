// Work that may only happen once a transaction has committed, and may be lost: publishing on the
// in-memory EventBus. A saga hook runs inside the transport's transaction (with its inbox record) and
// never sees it end, so it leaves such work on the transaction; TypeORM tells its subscribers when a
// query runner commits or rolls back, and `queryRunner.data` holds per-transaction notes.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

type Reaction = () => void;
const PENDING_REACTIONS = 'reactionsAfterCommit';

/** Runs `reaction` after `transaction` commits, never if it rolls back. A crash in between loses it: what must not be lost goes through the outbox. */
export function afterCommit(transaction: EntityManager, reaction: Reaction): void {
  const runner = transaction.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('afterCommit needs the EntityManager of an open transaction');
  ((runner.data[PENDING_REACTIONS] ??= []) as Reaction[]).push(reaction);
}

/** Registers itself on the service's DataSource and runs what afterCommit left on each transaction. */
@Injectable()
export class AfterCommitReactions implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly logger: PinoLogger,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return; // a savepoint released: the transaction itself goes on
    for (const reaction of this.take(queryRunner)) {
      // The work is committed: a failing reaction must not make the caller believe otherwise (and retry it).
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
    const reactions = (queryRunner.data[PENDING_REACTIONS] ?? []) as Reaction[];
    delete queryRunner.data[PENDING_REACTIONS];
    return reactions;
  }
}

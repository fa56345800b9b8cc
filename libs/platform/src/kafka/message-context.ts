import { BaseRpcContext } from '@nestjs/microservices';
import type { Envelope } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';

export interface MessageOrigin {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * What a message handler gets besides the envelope (`@Ctx() context: MessageContext`): above all the
 * transaction it runs in. The inbox record is already in it; whatever the handler writes through it,
 * its state changes and its outgoing messages (the outbox), commits or rolls back together with that.
 */
export class MessageContext extends BaseRpcContext<[Envelope, EntityManager, MessageOrigin]> {
  get envelope(): Envelope {
    return this.args[0];
  }

  get transaction(): EntityManager {
    return this.args[1];
  }

  get origin(): MessageOrigin {
    return this.args[2];
  }
}

/**
 * Whether this service's Kafka consumer is actually consuming. The socket being open is not enough:
 * a consumer can crash (or be stopped by a non-retriable error) while the process and its connections
 * stay alive, and then the service silently does nothing. `/health` reads this, so an orchestrator sees
 * the difference and a human is told why.
 */
export type ConsumerState = 'starting' | 'consuming' | 'down' | 'stopped';

export class KafkaConsumerStatus {
  private current: { state: ConsumerState; since: Date; reason?: string } = { state: 'starting', since: new Date() };

  get state(): ConsumerState {
    return this.current.state;
  }

  describe(): { state: ConsumerState; since: string; reason?: string } {
    return { ...this.current, since: this.current.since.toISOString() };
  }

  change(state: ConsumerState, reason?: string): void {
    this.current = { state, since: new Date(), reason };
  }
}

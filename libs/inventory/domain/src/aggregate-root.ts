/**
 * What every aggregate of this domain does with its events: records them as its intent methods change
 * it, and hands them over once to the application layer, which turns them into integration events and
 * writes those to the outbox in the same transaction as the change (STYLE.md rule 7).
 */
export abstract class AggregateRoot<Event> {
  private recorded: Event[] = [];

  protected record(event: Event): void {
    this.recorded.push(event);
  }

  /** The events recorded since the last call; each is handed out once. */
  pullEvents(): Event[] {
    const events = this.recorded;
    this.recorded = [];
    return events;
  }
}

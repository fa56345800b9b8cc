import { decide, type SagaEvent } from './saga-decisions';
import { defineSaga, type OutgoingCommand } from './saga-definition';
import type { SagaState } from './saga-state';

// A toy trip-booking saga: the engine is generic, so its tests do not borrow the order domain.
type Trip = { tripId: string; hotel?: string };
const command = (name: string) => (data: Trip): OutgoingCommand => ({ key: data.tripId, build: () => ({ name }) as never });
const sent = (commands: OutgoingCommand[]) => commands.map((c) => (c.build({ correlationId: 'c', causationId: null }) as unknown as { name: string }).name);

const trip = defineSaga<Trip>({
  type: 'trip',
  compensationAttempts: 3,
  compensationDeadlineMs: 1_000,
  steps: [
    {
      name: 'book-hotel',
      action: command('BookHotel'),
      replies: { HotelBooked: (_, payload) => ({ ok: true, data: { hotel: (payload as { hotel: string }).hotel } }), HotelFull: () => ({ ok: false, reason: 'NO_HOTEL' }) },
      compensation: { action: command('CancelHotel'), confirmedBy: 'HotelCancelled' },
      deadlineMs: 5_000,
    },
    {
      name: 'book-flight',
      action: command('BookFlight'),
      replies: { FlightBooked: () => ({ ok: true }), FlightFull: () => ({ ok: false, reason: 'NO_FLIGHT' }) },
      compensation: { action: command('CancelFlight'), confirmedBy: 'FlightCancelled' },
      deadlineMs: 5_000,
    },
    { name: 'await-departure', replies: { Departed: () => ({ ok: true }) }, pointOfNoReturn: true },
    { name: 'await-arrival', replies: { Arrived: () => ({ ok: true }) } },
  ],
});

const now = new Date('2026-11-22T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const fresh = (): SagaState<Trip> => ({ sagaId: 's', type: 'trip', key: 't', status: 'RUNNING', step: 0, data: { tripId: 't' }, pendingCompensations: [], compensationAttempt: 0, version: 0 });

/** Plays events in order, returning every decision. */
function play(...events: Array<[SagaEvent, Date?]>) {
  let state = fresh();
  return events.map(([event, at]) => {
    const decision = decide(trip, state, event, at ?? now);
    state = decision.state;
    return decision;
  });
}
const reply = (name: string, payload: unknown = {}): [SagaEvent] => [{ kind: 'reply', name, payload }];

describe('saga decisions', () => {
  it('runs the steps in order, remembers what replies say, and completes', () => {
    const [started, hotel, flight, , arrived] = play(
      [{ kind: 'start' }],
      reply('HotelBooked', { hotel: 'Ritz' }),
      reply('FlightBooked'),
      reply('Departed'),
      reply('Arrived'),
    );

    expect(sent(started.commands)).toEqual(['BookHotel']);
    expect(started.state.deadline).toEqual(later(5_000));
    expect(sent(hotel.commands)).toEqual(['BookFlight']);
    expect(hotel.state.data.hotel).toBe('Ritz');
    expect(flight.state.deadline).toBeUndefined(); // waiting for a person: no deadline
    expect(arrived.state.status).toBe('COMPLETED');
    expect(arrived.notifications).toEqual([{ kind: 'step-succeeded', step: 'await-arrival' }, { kind: 'completed' }]);
  });

  it('on a failed step, undoes only the steps before it, last first, then ends compensated', () => {
    const [, , failed, undone] = play([{ kind: 'start' }], reply('HotelBooked'), reply('FlightFull'), reply('HotelCancelled'));

    expect(failed.notifications).toEqual([{ kind: 'failed', reason: 'NO_FLIGHT' }]);
    expect(sent(failed.commands)).toEqual(['CancelHotel']);
    expect(failed.state.status).toBe('COMPENSATING');
    expect(undone.state.status).toBe('COMPENSATED');
    expect(undone.notifications).toEqual([{ kind: 'compensated', reason: 'NO_FLIGHT' }]);
  });

  it('ends compensated at once when the first step fails: nothing to undo', () => {
    const [, failed] = play([{ kind: 'start' }], reply('HotelFull'));

    expect(failed.state.status).toBe('COMPENSATED');
    expect(failed.commands).toEqual([]);
  });

  it('on a deadline, also undoes the step that did not answer (its command may have taken effect)', () => {
    const [, , timedOut, first, second] = play([{ kind: 'start' }], reply('HotelBooked'), [{ kind: 'deadline' }, later(6_000)], reply('FlightCancelled'), reply('HotelCancelled'));

    expect(timedOut.notifications).toEqual([{ kind: 'failed', reason: 'TIMEOUT' }]);
    expect(sent(timedOut.commands)).toEqual(['CancelFlight']);
    expect(sent(first.commands)).toEqual(['CancelHotel']);
    expect(second.state.status).toBe('COMPENSATED');
  });

  it('ignores a deadline that has not passed, and replies it does not expect', () => {
    const [, early, stray] = play([{ kind: 'start' }], [{ kind: 'deadline' }, later(1_000)], reply('FlightBooked'));

    expect(early.outcome).toBe('ignored');
    expect(stray.outcome).toBe('ignored');
    expect(stray.state.step).toBe(0);
  });

  it('resends an unconfirmed compensation, then asks for a human instead of pretending it is done', () => {
    const decisions = play(
      [{ kind: 'start' }],
      reply('HotelBooked'),
      reply('FlightFull'),
      [{ kind: 'deadline' }, later(1_001)],
      [{ kind: 'deadline' }, later(2_002)],
      [{ kind: 'deadline' }, later(3_003)],
    );
    const [resend1, resend2, giveUp] = decisions.slice(3);

    expect(sent(resend1.commands)).toEqual(['CancelHotel']);
    expect(sent(resend2.commands)).toEqual(['CancelHotel']);
    expect(giveUp.state.status).toBe('NEEDS_ATTENTION');
    expect(giveUp.notifications[0]).toMatchObject({ kind: 'needs-attention' });
  });

  it('resumes when a confirmation arrives after it asked for a human', () => {
    const decisions = play(
      [{ kind: 'start' }],
      reply('HotelBooked'),
      reply('FlightBooked'),
      [{ kind: 'cancel', reason: 'CANCELLED' }],
      ...[1, 2, 3].map((n): [SagaEvent, Date] => [{ kind: 'deadline' }, later(1_001 * n)]),
      reply('FlightCancelled'),
      reply('HotelCancelled'),
    );
    const [late, last] = decisions.slice(-2);

    expect(decisions[decisions.length - 3].state.status).toBe('NEEDS_ATTENTION');
    expect(sent(late.commands)).toEqual(['CancelHotel']); // the rest of the undo goes on
    expect(late.state.status).toBe('COMPENSATING');
    expect(last.state.status).toBe('COMPENSATED');
  });

  it('cancels before the point of no return, undoing what was done', () => {
    const [, , cancelled] = play([{ kind: 'start' }], reply('HotelBooked'), [{ kind: 'cancel', reason: 'CANCELLED' }]);

    expect(cancelled.outcome).toBe('applied');
    expect(cancelled.notifications).toEqual([{ kind: 'failed', reason: 'CANCELLED' }]);
    expect(sent(cancelled.commands)).toEqual(['CancelFlight']);
  });

  it('refuses to cancel past the point of no return, or once finished', () => {
    const cancel: [SagaEvent] = [{ kind: 'cancel', reason: 'CANCELLED' }];
    const [, , , , afterDeparture, , afterArrival] = play([{ kind: 'start' }], reply('HotelBooked'), reply('FlightBooked'), reply('Departed'), cancel, reply('Arrived'), cancel);

    expect(afterDeparture.outcome).toBe('refused');
    expect(afterDeparture.state.step).toBe(3);
    expect(afterArrival.outcome).toBe('refused');
  });
});

import { EtaModel, STANDARD_ETA } from './eta-model';

describe('EtaModel', () => {
  const eta = new EtaModel();

  it('is driving at the average speed plus handling', () => {
    // 140 km at 70 km/h = 120 min of driving, + 45 min loading and unloading.
    expect(eta.minutesFor(140)).toBe(120 + 45);
  });

  it('rounds up to the next whole minute', () => {
    // 190 km at 70 km/h = 162.86 min, + 45 = 207.86 → 208.
    expect(eta.minutesFor(190)).toBe(208);
  });

  it('is only handling when the destination is the depot’s own city', () => {
    expect(eta.minutesFor(0)).toBe(45);
  });

  it('adds no break for a trip that ends within 4.5 hours of driving', () => {
    // 315 km = exactly 270 min of driving: the driver arrives as the break falls due.
    expect(eta.minutesFor(315)).toBe(270 + 45);
  });

  it('adds a 45-minute break for every full 4.5 hours of driving before arrival', () => {
    // 488 km (Birmingham–Glasgow) = 418.29 min of driving: one break. 418.29 + 45 + 45 = 508.29 → 509.
    expect(eta.minutesFor(488)).toBe(509);
    // 700 km = 600 min of driving: two breaks (after 270 and 540 min). 600 + 90 + 45 = 735.
    expect(eta.minutesFor(700)).toBe(735);
  });

  it('takes other parameters, e.g. a faster vehicle with no handling', () => {
    const fast = new EtaModel({ ...STANDARD_ETA, averageSpeedKmh: 100, handlingMinutes: 0 });

    expect(fast.minutesFor(100)).toBe(60);
  });

  it('refuses a negative distance and a model that could not drive', () => {
    expect(() => eta.minutesFor(-1)).toThrow(RangeError);
    expect(() => new EtaModel({ ...STANDARD_ETA, averageSpeedKmh: 0 })).toThrow(RangeError);
  });
});

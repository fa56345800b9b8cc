// How long a delivery takes, door to door. Deliberately simple and stated in full, so anyone can check
// an ETA by hand (docs/domain/routing.md, "ETA"):
//
//   etaMinutes = ceil( driving + breaks + handling )
//   driving    = distanceKm / averageSpeedKmh × 60
//   breaks     = breakMinutes for every full drivingBeforeBreakMinutes of driving *before* arrival
//   handling   = loading at the depot + unloading at the destination
//
// The break rule is the UK/EU drivers' hours rule: a 45-minute break after at most 4.5 hours at the
// wheel. Overnight rests are not modelled: every route of the bundled network is one day's trip.

export interface EtaParameters {
  /** Door-to-door average over motorways, A-roads and town traffic, for a delivery van. */
  readonly averageSpeedKmh: number;
  /** Loading at the depot plus unloading at the destination. */
  readonly handlingMinutes: number;
  readonly drivingBeforeBreakMinutes: number;
  readonly breakMinutes: number;
}

export const STANDARD_ETA: EtaParameters = {
  averageSpeedKmh: 70,
  handlingMinutes: 30 + 15,
  drivingBeforeBreakMinutes: 4.5 * 60,
  breakMinutes: 45,
};

/** Floating-point sums like 60.00000000000001 minutes must not become 61. */
const EPSILON = 1e-9;

export class EtaModel {
  constructor(readonly parameters: EtaParameters = STANDARD_ETA) {
    const { averageSpeedKmh, handlingMinutes, drivingBeforeBreakMinutes, breakMinutes } = parameters;
    if (!(averageSpeedKmh > 0 && drivingBeforeBreakMinutes > 0 && handlingMinutes >= 0 && breakMinutes >= 0)) {
      throw new RangeError(`an ETA model needs a positive speed and driving time, and no negative durations: ${JSON.stringify(parameters)}`);
    }
  }

  /** Whole minutes from leaving the depot's loading bay to the goods being unloaded `distanceKm` away. */
  minutesFor(distanceKm: number): number {
    if (!(distanceKm >= 0)) throw new RangeError(`a distance cannot be ${distanceKm} km`);
    const { averageSpeedKmh, handlingMinutes, drivingBeforeBreakMinutes, breakMinutes } = this.parameters;
    const driving = (distanceKm / averageSpeedKmh) * 60;
    // A break is owed when driving goes on *past* a full stint: exactly 4.5 hours ends at the door.
    const breaks = Math.max(0, Math.ceil(driving / drivingBeforeBreakMinutes - EPSILON) - 1) * breakMinutes;
    return Math.ceil(driving + breaks + handlingMinutes - EPSILON);
  }
}

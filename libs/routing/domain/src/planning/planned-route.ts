/**
 * A route the depot has planned: the cities a van drives through, in order (depot first, destination
 * last), how far that is and when it arrives. A value: two routes with the same cities, distance and
 * ETA are the same route.
 */
export class PlannedRoute {
  private constructor(
    readonly cities: readonly string[],
    /** Kilometres, to one decimal: a road atlas is not more precise than that. */
    readonly distanceKm: number,
    readonly etaMinutes: number,
  ) {}

  static of({ cities, distanceKm, etaMinutes }: { cities: readonly string[]; distanceKm: number; etaMinutes: number }): PlannedRoute {
    if (cities.length === 0) throw new RangeError('a route starts at the depot: it has at least one city');
    if (!(Number.isFinite(distanceKm) && distanceKm >= 0)) throw new RangeError(`a route cannot be ${distanceKm} km long`);
    if (!(Number.isInteger(etaMinutes) && etaMinutes >= 0)) throw new RangeError(`an ETA is a whole, non-negative number of minutes, not ${etaMinutes}`);
    return new PlannedRoute(Object.freeze([...cities]), Math.round(distanceKm * 10) / 10, etaMinutes);
  }

  get origin(): string {
    return this.cities[0];
  }

  get destination(): string {
    return this.cities[this.cities.length - 1];
  }
}

// The road network: cities joined by two-way roads of a known length, and the shortest way between two
// of them (Dijkstra's algorithm). Plain data and arithmetic: no framework, no I/O (docs/domain/routing.md).

export interface Road {
  readonly from: string;
  readonly to: string;
  readonly distanceKm: number;
}

/** The shortest way between two cities: every city on it in order, both ends included. */
export interface Path {
  readonly cities: readonly string[];
  readonly distanceKm: number;
}

export class InvalidRoadNetworkError extends Error {
  constructor(problem: string) {
    super(`invalid road network: ${problem}`);
    this.name = 'InvalidRoadNetworkError';
  }
}

export class UnknownCityError extends Error {
  constructor(readonly city: string) {
    super(`"${city}" is not a city of the road network`);
    this.name = 'UnknownCityError';
  }
}

/**
 * How a city name is compared: customers type "leeds", "LEEDS " or "Newcastle  upon Tyne", and all of
 * them mean the one city. Case and surrounding or repeated spaces do not matter; spelling does.
 */
const matchKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

interface Neighbour {
  readonly city: string;
  readonly distanceKm: number;
}

export class RoadNetwork {
  /** City names as the network spells them, in the order given. */
  readonly cities: readonly string[];
  readonly roads: readonly Road[];
  private readonly byKey = new Map<string, string>();
  private readonly neighbours = new Map<string, Neighbour[]>();

  /**
   * Refuses a network that could give wrong answers: two cities that only differ in case (a name would
   * match both), a road to a city that is not listed, a road from a city to itself, a road of zero or
   * negative length (Dijkstra's algorithm is only correct when every road has a positive length), or
   * two roads between the same two cities (which one would a driver take?).
   */
  constructor(cities: readonly string[], roads: readonly Road[]) {
    for (const city of cities) {
      const key = matchKey(city);
      if (key.length === 0) throw new InvalidRoadNetworkError('a city has an empty name');
      if (this.byKey.has(key)) throw new InvalidRoadNetworkError(`"${city}" is listed twice`);
      this.byKey.set(key, city);
      this.neighbours.set(city, []);
    }
    const joined = new Set<string>();
    this.roads = roads.map(({ from, to, distanceKm }) => {
      const [a, b] = [this.byKey.get(matchKey(from)), this.byKey.get(matchKey(to))];
      if (a === undefined || b === undefined) throw new InvalidRoadNetworkError(`the road ${from}–${to} leads to a city that is not listed`);
      if (a === b) throw new InvalidRoadNetworkError(`the road ${from}–${to} goes nowhere`);
      if (!(Number.isFinite(distanceKm) && distanceKm > 0)) throw new InvalidRoadNetworkError(`the road ${from}–${to} has a length of ${distanceKm} km`);
      const pair = [a, b].sort().join('\n');
      if (joined.has(pair)) throw new InvalidRoadNetworkError(`${from} and ${to} are joined by two roads`);
      joined.add(pair);
      // Roads are two-way: a road can be driven from either end.
      this.neighbours.get(a)!.push({ city: b, distanceKm });
      this.neighbours.get(b)!.push({ city: a, distanceKm });
      return { from: a, to: b, distanceKm };
    });
    this.cities = [...cities];
  }

  /** The city `name` means (any case, stray spaces), spelled as the network spells it; undefined if none. */
  findCity(name: string): string | undefined {
    return this.byKey.get(matchKey(name));
  }

  /**
   * The shortest way from `from` to `to`, or undefined when no road leads there (an island, say).
   * Dijkstra's algorithm: settle the closest unsettled city, then see whether going through it
   * shortens the way to its neighbours; a settled city's distance is final, because every road has a
   * positive length. Picking the closest city by a linear scan makes it O(V²): the textbook form, and
   * plenty for a few dozen cities (a priority queue only pays off at thousands).
   */
  shortestPath(from: string, to: string): Path | undefined {
    const start = this.requireCity(from);
    const goal = this.requireCity(to);
    /** The shortest distance found so far to every city reached; a city never reached is not in it. */
    const distance = new Map<string, number>([[start, 0]]);
    /** The city before each one on its shortest way, to walk the route back from the goal. */
    const previous = new Map<string, string>();
    const settled = new Set<string>();

    for (;;) {
      let closest: string | undefined;
      for (const [city, km] of distance) {
        if (!settled.has(city) && (closest === undefined || km < distance.get(closest)!)) closest = city;
      }
      if (closest === undefined) return undefined; // everything reachable is settled and the goal is not among it
      if (closest === goal) break;
      settled.add(closest);
      for (const neighbour of this.neighbours.get(closest)!) {
        const through = distance.get(closest)! + neighbour.distanceKm;
        if (through < (distance.get(neighbour.city) ?? Infinity)) {
          distance.set(neighbour.city, through);
          previous.set(neighbour.city, closest);
        }
      }
    }

    const cities = [goal];
    while (cities[0] !== start) cities.unshift(previous.get(cities[0])!);
    return { cities, distanceKm: distance.get(goal)! };
  }

  /** Every city a road leads to from `city`, `city` included. */
  reachableFrom(city: string): ReadonlySet<string> {
    const reached = new Set([this.requireCity(city)]);
    for (const current of reached) for (const neighbour of this.neighbours.get(current)!) reached.add(neighbour.city);
    return reached;
  }

  private requireCity(name: string): string {
    const city = this.findCity(name);
    if (city === undefined) throw new UnknownCityError(name);
    return city;
  }
}

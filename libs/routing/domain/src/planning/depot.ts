import type { Road, RoadNetwork } from '../network/road-network';
import { UnknownCityError } from '../network/road-network';
import { EtaModel } from './eta-model';
import { PlannedRoute } from './planned-route';

/** Why no route can be planned; the same words travel in the RouteUnavailable message. */
export type RouteUnavailableReason =
  /** No city of the network has that name: a typo, or a place the company has never heard of. */
  | 'UNKNOWN_DESTINATION'
  /** The city is known, but no road leads there from the depot (an island). */
  | 'UNREACHABLE';

export type RouteQuote = { readonly planned: true; readonly route: PlannedRoute } | { readonly planned: false; readonly reason: RouteUnavailableReason };

/** What the depot serves: the cities its vans can reach and the roads between them. */
export interface ServedNetwork {
  readonly depot: string;
  readonly cities: readonly string[];
  readonly roads: readonly Road[];
  /** Cities of the network no road leads to from the depot: known, but not served. */
  readonly unreachable: readonly string[];
}

/** The depot every shipment leaves from, and the road network its vans drive. */
export class Depot {
  private constructor(
    /** The depot's city, spelled as the network spells it. */
    readonly city: string,
    private readonly network: RoadNetwork,
    private readonly eta: EtaModel,
  ) {}

  /** A depot in `city`, which must be a city of `network` (in any case): a depot nowhere plans nothing. */
  static in(network: RoadNetwork, city: string, eta: EtaModel = new EtaModel()): Depot {
    const known = network.findCity(city);
    if (known === undefined) throw new UnknownCityError(city);
    return new Depot(known, network, eta);
  }

  /** The shortest route from the depot to `destination` (a city name in any case), or why there is none. */
  planRouteTo(destination: string): RouteQuote {
    const city = this.network.findCity(destination);
    if (city === undefined) return { planned: false, reason: 'UNKNOWN_DESTINATION' };
    const path = this.network.shortestPath(this.city, city);
    if (path === undefined) return { planned: false, reason: 'UNREACHABLE' };
    const distanceKm = Math.round(path.distanceKm * 10) / 10;
    return { planned: true, route: PlannedRoute.of({ cities: path.cities, distanceKm, etaMinutes: this.eta.minutesFor(distanceKm) }) };
  }

  served(): ServedNetwork {
    const reachable = this.network.reachableFrom(this.city);
    return {
      depot: this.city,
      cities: this.network.cities.filter((city) => reachable.has(city)),
      roads: this.network.roads.filter((road) => reachable.has(road.from)),
      unreachable: this.network.cities.filter((city) => !reachable.has(city)),
    };
  }
}

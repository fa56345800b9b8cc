// Routing's own configuration, on top of what every service reads (libs/platform/src/config): where
// the depot is. Checked at start like the rest: a depot in a city the network does not know would
// answer every order UNKNOWN_DESTINATION or UNREACHABLE, so the service refuses to start instead.
import { InvalidConfigurationError } from '@waybill/platform';
import { Depot, UK_DEFAULT_DEPOT, UK_ROAD_NETWORK, type RoadNetwork } from '@waybill/routing-domain';

/** The depot DEPOT_CITY names (any case), or the network's default hub when it is not set. */
export function depotFromEnvironment(env: NodeJS.ProcessEnv, network: RoadNetwork = UK_ROAD_NETWORK, defaultCity: string = UK_DEFAULT_DEPOT): Depot {
  const requested = env.DEPOT_CITY ?? defaultCity;
  const city = network.findCity(requested);
  if (city === undefined) {
    const problem = requested.trim() === '' ? 'must name a city, or be left unset' : `"${requested}" is not a city of the road network`;
    throw new InvalidConfigurationError('routing', [`DEPOT_CITY: ${problem} (one of: ${network.cities.join(', ')}; default ${defaultCity})`]);
  }
  return Depot.in(network, city);
}

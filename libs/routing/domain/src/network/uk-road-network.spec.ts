// The bundled data, checked as data: the invariants the rest of the service relies on.
import { UK_DEFAULT_DEPOT, UK_ROAD_NETWORK } from './uk-road-network';

describe('the bundled UK road network', () => {
  const network = UK_ROAD_NETWORK;

  it('has between 20 and 40 cities, the default depot among them', () => {
    expect(network.cities.length).toBeGreaterThanOrEqual(20);
    expect(network.cities.length).toBeLessThanOrEqual(40);
    expect(network.findCity(UK_DEFAULT_DEPOT)).toBe('Birmingham');
  });

  it('reaches every city of Great Britain from the default depot, and no island', () => {
    const reachable = network.reachableFrom(UK_DEFAULT_DEPOT);

    expect(network.cities.filter((city) => !reachable.has(city)).sort()).toEqual(['Belfast', 'Lerwick', 'Newry']);
  });

  it('has plausible road lengths: between 30 and 300 km', () => {
    for (const road of network.roads) {
      expect(road.distanceKm).toBeGreaterThanOrEqual(30);
      expect(road.distanceKm).toBeLessThanOrEqual(300);
    }
  });

  it.each([
    // Real driving distances, for comparison: Birmingham–London ≈ 190 km, –Manchester ≈ 140 km,
    // –Glasgow ≈ 470 km, –Plymouth ≈ 330 km.
    ['London', ['Birmingham', 'London'], 190],
    ['Manchester', ['Birmingham', 'Stoke-on-Trent', 'Manchester'], 140],
    ['Glasgow', ['Birmingham', 'Stoke-on-Trent', 'Manchester', 'Preston', 'Carlisle', 'Glasgow'], 488],
    ['Plymouth', ['Birmingham', 'Bristol', 'Exeter', 'Plymouth'], 335],
  ])('drives from Birmingham to %s the way a driver would', (destination, cities, distanceKm) => {
    expect(network.shortestPath(UK_DEFAULT_DEPOT, destination)).toEqual({ cities, distanceKm });
  });
});

import { InvalidRoadNetworkError, RoadNetwork, UnknownCityError, type Road } from './road-network';

const road = (from: string, to: string, distanceKm: number): Road => ({ from, to, distanceKm });

/**
 *        10        10
 *   Depot ─── Ash ─── Birch          Island (no road)
 *     │ \               │
 *     │  └──── 50 ──────┘  (the direct road is longer than the detour through Ash)
 *   5 │
 *   Cedar ── 100 ── Elm ── 1 ── Fir
 *     └───────── 12 ───────┘  (Cedar–Fir–Elm is 13, the direct Cedar–Elm is 100)
 */
const small = () =>
  new RoadNetwork(
    ['Depot', 'Ash', 'Birch', 'Cedar', 'Elm', 'Fir', 'Island'],
    [
      road('Depot', 'Ash', 10),
      road('Ash', 'Birch', 10),
      road('Depot', 'Birch', 50),
      road('Depot', 'Cedar', 5),
      road('Cedar', 'Elm', 100),
      road('Elm', 'Fir', 1),
      road('Cedar', 'Fir', 12),
    ],
  );

describe('RoadNetwork', () => {
  describe('shortestPath', () => {
    it('takes the detour when the direct road is longer', () => {
      expect(small().shortestPath('Depot', 'Birch')).toEqual({ cities: ['Depot', 'Ash', 'Birch'], distanceKm: 20 });
    });

    it('finds the shortest of several ways over more than one hop', () => {
      expect(small().shortestPath('Depot', 'Elm')).toEqual({ cities: ['Depot', 'Cedar', 'Fir', 'Elm'], distanceKm: 18 });
    });

    it('drives roads in both directions', () => {
      expect(small().shortestPath('Elm', 'Depot')).toEqual({ cities: ['Elm', 'Fir', 'Cedar', 'Depot'], distanceKm: 18 });
    });

    it('takes the direct road when it is the shortest', () => {
      expect(small().shortestPath('Depot', 'Ash')).toEqual({ cities: ['Depot', 'Ash'], distanceKm: 10 });
    });

    it('is a journey of no distance from a city to itself', () => {
      expect(small().shortestPath('Depot', 'Depot')).toEqual({ cities: ['Depot'], distanceKm: 0 });
    });

    it('finds no way to a city no road leads to', () => {
      expect(small().shortestPath('Depot', 'Island')).toBeUndefined();
      expect(small().shortestPath('Island', 'Depot')).toBeUndefined();
    });

    it('finds no way between two separate parts of the network', () => {
      const twoIslands = new RoadNetwork(['A', 'B', 'C', 'D'], [road('A', 'B', 1), road('C', 'D', 1)]);

      expect(twoIslands.shortestPath('A', 'D')).toBeUndefined();
      expect(twoIslands.shortestPath('C', 'D')).toEqual({ cities: ['C', 'D'], distanceKm: 1 });
    });

    it('matches city names in any case, answering with the network’s spelling', () => {
      expect(small().shortestPath('dEPOT', '  birch ')).toEqual({ cities: ['Depot', 'Ash', 'Birch'], distanceKm: 20 });
    });

    it('refuses a city it does not know: that is a different answer from "no road leads there"', () => {
      expect(() => small().shortestPath('Depot', 'Atlantis')).toThrow(UnknownCityError);
    });

    it('agrees with every possible route on a graph small enough to enumerate', () => {
      const network = small();
      for (const from of network.cities) {
        for (const to of network.cities) {
          expect(network.shortestPath(from, to)?.distanceKm).toBe(bruteForceShortest(network.roads, from, to));
        }
      }
    });
  });

  describe('findCity', () => {
    it('ignores case and stray spaces, but not spelling', () => {
      const network = new RoadNetwork(['Newcastle upon Tyne', 'Stoke-on-Trent'], []);

      expect(network.findCity('NEWCASTLE   UPON tyne ')).toBe('Newcastle upon Tyne');
      expect(network.findCity('stoke-on-trent')).toBe('Stoke-on-Trent');
      expect(network.findCity('Stoke on Trent')).toBeUndefined();
      expect(network.findCity('')).toBeUndefined();
    });
  });

  describe('reachableFrom', () => {
    it('is every city a road leads to, the start included', () => {
      expect([...small().reachableFrom('Depot')].sort()).toEqual(['Ash', 'Birch', 'Cedar', 'Depot', 'Elm', 'Fir']);
      expect([...small().reachableFrom('Island')]).toEqual(['Island']);
    });
  });

  describe('refuses a network that could give wrong answers', () => {
    it.each([
      ['a city listed twice (in another case)', ['A', 'a'], []],
      ['a city without a name', ['A', ' '], []],
      ['a road to a city not listed', ['A'], [road('A', 'B', 1)]],
      ['a road from a city to itself', ['A'], [road('A', 'A', 1)]],
      ['a road of no length', ['A', 'B'], [road('A', 'B', 0)]],
      ['a road of negative length', ['A', 'B'], [road('A', 'B', -3)]],
      ['a road of no number', ['A', 'B'], [road('A', 'B', Number.NaN)]],
      ['two roads between the same cities', ['A', 'B'], [road('A', 'B', 1), road('B', 'A', 2)]],
    ])('%s', (_, cities, roads) => {
      expect(() => new RoadNetwork(cities as string[], roads as Road[])).toThrow(InvalidRoadNetworkError);
    });
  });
});

/** Every simple path, tried one by one: slow, obviously right, and independent of Dijkstra. */
function bruteForceShortest(roads: readonly Road[], from: string, to: string): number | undefined {
  let best: number | undefined;
  const walk = (city: string, visited: Set<string>, km: number): void => {
    if (city === to) {
      best = best === undefined ? km : Math.min(best, km);
      return;
    }
    for (const { from: a, to: b, distanceKm } of roads) {
      const next = a === city ? b : b === city ? a : undefined;
      if (next !== undefined && !visited.has(next)) walk(next, new Set([...visited, next]), km + distanceKm);
    }
  };
  walk(from, new Set([from]), 0);
  return best;
}

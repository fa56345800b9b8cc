import { RoadNetwork, UnknownCityError, type Road } from '../network/road-network';
import { Depot } from './depot';
import { EtaModel } from './eta-model';

const road = (from: string, to: string, distanceKm: number): Road => ({ from, to, distanceKm });

/** Hub–Town direct is 80 km; through Village it is 30.2 + 40.05 = 70.25 km. Rock is an island. */
const network = new RoadNetwork(
  ['Hub', 'Village', 'Town', 'Rock', 'Islet', 'Harbour'],
  [road('Hub', 'Village', 30.2), road('Village', 'Town', 40.05), road('Hub', 'Town', 80), road('Islet', 'Harbour', 5)],
);

describe('Depot', () => {
  const depot = Depot.in(network, 'hub');

  it('sits in a city of the network, spelled as the network spells it', () => {
    expect(depot.city).toBe('Hub');
    expect(() => Depot.in(network, 'Atlantis')).toThrow(UnknownCityError);
  });

  describe('planRouteTo', () => {
    it('plans the shortest route, its distance to one decimal and its ETA from that distance', () => {
      const quote = depot.planRouteTo('TOWN');

      expect(quote.planned).toBe(true);
      if (!quote.planned) return;
      expect(quote.route.cities).toEqual(['Hub', 'Village', 'Town']);
      expect(quote.route.distanceKm).toBe(70.3);
      expect(quote.route.etaMinutes).toBe(new EtaModel().minutesFor(70.3));
    });

    it('answers UNKNOWN_DESTINATION for a city that is not in the network', () => {
      expect(depot.planRouteTo('Atlantis')).toEqual({ planned: false, reason: 'UNKNOWN_DESTINATION' });
    });

    it('answers UNREACHABLE for a known city no road leads to', () => {
      expect(depot.planRouteTo('rock')).toEqual({ planned: false, reason: 'UNREACHABLE' });
      expect(depot.planRouteTo('Harbour')).toEqual({ planned: false, reason: 'UNREACHABLE' });
    });

    it('plans a route of no distance to the depot’s own city: loading and unloading only', () => {
      const quote = depot.planRouteTo('Hub');

      expect(quote).toMatchObject({ planned: true, route: { cities: ['Hub'], distanceKm: 0, etaMinutes: 45 } });
    });
  });

  describe('served', () => {
    it('lists the cities and roads the depot reaches, and the known cities it does not', () => {
      expect(depot.served()).toEqual({
        depot: 'Hub',
        cities: ['Hub', 'Village', 'Town'],
        roads: [road('Hub', 'Village', 30.2), road('Village', 'Town', 40.05), road('Hub', 'Town', 80)],
        unreachable: ['Rock', 'Islet', 'Harbour'],
      });
    });
  });
});

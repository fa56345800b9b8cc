import { InvalidConfigurationError } from '@waybill/platform';
import { RoadNetwork } from '@waybill/routing-domain';
import { depotFromEnvironment } from './routing.config';

describe('routing configuration: DEPOT_CITY', () => {
  it('defaults to Birmingham, the hub of the bundled network', () => {
    expect(depotFromEnvironment({}).city).toBe('Birmingham');
  });

  it('takes any city of the network, in any case, and spells it as the network does', () => {
    expect(depotFromEnvironment({ DEPOT_CITY: '  newcastle upon tyne' }).city).toBe('Newcastle upon Tyne');
  });

  it('refuses a city the network does not know, naming the variable and the choices', () => {
    const start = () => depotFromEnvironment({ DEPOT_CITY: 'Atlantis' });

    expect(start).toThrow(InvalidConfigurationError);
    expect(start).toThrow(/DEPOT_CITY: "Atlantis" is not a city of the road network \(one of: London, Oxford, .*; default Birmingham\)/);
  });

  it('refuses an empty value rather than guessing what was meant', () => {
    expect(() => depotFromEnvironment({ DEPOT_CITY: ' ' })).toThrow(/DEPOT_CITY: must name a city, or be left unset/);
  });

  it('checks the default against the network too', () => {
    expect(() => depotFromEnvironment({}, new RoadNetwork(['Leeds'], []), 'York')).toThrow(/DEPOT_CITY: "York" is not a city/);
  });
});

// The road network Waybill ships with: 35 cities of the United Kingdom and the trunk roads between
// them (motorways and A-roads), each road's length the driving distance in kilometres, rounded to the
// kilometre as a road atlas gives it. Bundled as code rather than a table: it changes with a release,
// not at run time, and a typed module loads the same way in Jest and from dist/.
//
// Two places show the difference between "unknown" and "unreachable": Belfast and Newry (Northern
// Ireland) have a road between them but none to Great Britain, and Lerwick (Shetland) has no road at
// all. Goods go there by sea, which this company does not do: an order to them answers UNREACHABLE,
// while an order to a city that is not listed at all answers UNKNOWN_DESTINATION.
import { RoadNetwork, type Road } from './road-network';

/**
 * The depot's city when DEPOT_CITY does not say otherwise. Birmingham sits in the Midlands' "golden
 * triangle" of warehouses, within about four hours' drive of most of Great Britain.
 */
export const UK_DEFAULT_DEPOT = 'Birmingham';

// Grouped by region, which reads better than one city a line.
// prettier-ignore
const cities = [
  // London and the south-east
  'London', 'Oxford', 'Cambridge', 'Milton Keynes', 'Brighton', 'Dover', 'Southampton', 'Norwich',
  // the south-west and Wales
  'Bristol', 'Exeter', 'Plymouth', 'Cardiff', 'Swansea',
  // the Midlands
  'Birmingham', 'Coventry', 'Leicester', 'Nottingham', 'Stoke-on-Trent',
  // the north of England
  'Manchester', 'Liverpool', 'Preston', 'Sheffield', 'Leeds', 'York', 'Hull', 'Newcastle upon Tyne', 'Carlisle',
  // Scotland
  'Glasgow', 'Edinburgh', 'Dundee', 'Aberdeen', 'Inverness', 'Lerwick',
  // Northern Ireland
  'Belfast', 'Newry',
];

const road = (from: string, to: string, distanceKm: number): Road => ({ from, to, distanceKm });

const roads: Road[] = [
  road('London', 'Birmingham', 190), // M40
  road('London', 'Oxford', 92), // M40
  road('London', 'Milton Keynes', 80), // M1
  road('London', 'Cambridge', 98), // M11
  road('London', 'Norwich', 185), // A12
  road('London', 'Brighton', 85), // M23
  road('London', 'Dover', 124), // M20
  road('London', 'Southampton', 127), // M3
  road('London', 'Bristol', 190), // M4
  road('Oxford', 'Birmingham', 107), // M40
  road('Oxford', 'Southampton', 106), // A34
  road('Oxford', 'Bristol', 119), // A420
  road('Milton Keynes', 'Coventry', 76), // M1, M6
  road('Milton Keynes', 'Leicester', 101), // M1
  road('Milton Keynes', 'Cambridge', 72), // A428
  road('Cambridge', 'Norwich', 101), // A11
  road('Cambridge', 'Leicester', 113), // A14
  road('Brighton', 'Southampton', 98), // A27
  road('Southampton', 'Bristol', 124), // A36
  road('Southampton', 'Exeter', 177), // A31, A35
  road('Bristol', 'Birmingham', 142), // M5
  road('Bristol', 'Cardiff', 71), // M4
  road('Bristol', 'Exeter', 122), // M5
  road('Exeter', 'Plymouth', 71), // A38
  road('Cardiff', 'Swansea', 66), // M4
  road('Birmingham', 'Coventry', 40), // A45
  road('Birmingham', 'Leicester', 69), // M6, M69
  road('Birmingham', 'Nottingham', 85), // M42, A42
  road('Birmingham', 'Stoke-on-Trent', 74), // M6
  road('Coventry', 'Leicester', 40), // M69
  road('Leicester', 'Nottingham', 44), // A46
  road('Nottingham', 'Sheffield', 61), // M1
  road('Stoke-on-Trent', 'Manchester', 66), // M6
  road('Stoke-on-Trent', 'Liverpool', 93), // M6, M62
  road('Manchester', 'Liverpool', 56), // M62
  road('Manchester', 'Leeds', 71), // M62
  road('Manchester', 'Sheffield', 61), // A57
  road('Manchester', 'Preston', 51), // M61
  road('Liverpool', 'Preston', 53), // A59
  road('Sheffield', 'Leeds', 56), // M1
  road('Sheffield', 'Hull', 105), // M18, M62
  road('Leeds', 'York', 40), // A64
  road('Leeds', 'Hull', 95), // M62
  road('York', 'Hull', 61), // A1079
  road('Leeds', 'Newcastle upon Tyne', 153), // A1(M)
  road('York', 'Newcastle upon Tyne', 137), // A1
  road('Preston', 'Carlisle', 142), // M6
  road('Carlisle', 'Newcastle upon Tyne', 94), // A69
  road('Carlisle', 'Glasgow', 155), // M74
  road('Carlisle', 'Edinburgh', 150), // A7
  road('Newcastle upon Tyne', 'Edinburgh', 193), // A1
  road('Glasgow', 'Edinburgh', 76), // M8
  road('Edinburgh', 'Dundee', 100), // M90
  road('Dundee', 'Aberdeen', 108), // A90
  road('Glasgow', 'Inverness', 270), // A82
  road('Edinburgh', 'Inverness', 251), // A9
  road('Aberdeen', 'Inverness', 167), // A96
  road('Belfast', 'Newry', 61), // A1 (Northern Ireland: no road to Great Britain)
  // Lerwick: no road at all.
];

export const UK_ROAD_NETWORK = new RoadNetwork(cities, roads);

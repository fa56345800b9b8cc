import { ApiProperty } from '@nestjs/swagger';

export class RoadDto {
  @ApiProperty({ example: 'Birmingham' })
  from!: string;

  @ApiProperty({ example: 'Coventry' })
  to!: string;

  @ApiProperty({ description: 'Kilometres by road; roads are driven both ways.', example: 40 })
  distanceKm!: number;
}

export class NetworkResponseDto {
  @ApiProperty({ description: 'The city every shipment leaves from (DEPOT_CITY).', example: 'Birmingham' })
  depot!: string;

  @ApiProperty({ type: [String], description: 'The cities the depot serves: a road leads to each from the depot. The depot is one of them.' })
  cities!: string[];

  @ApiProperty({ type: [RoadDto], description: 'The roads between the cities the depot serves.' })
  roads!: RoadDto[];

  @ApiProperty({
    type: [String],
    description: 'Cities of the network no road leads to from the depot (islands): an order to one is answered UNREACHABLE, not UNKNOWN_DESTINATION.',
    example: ['Lerwick'],
  })
  unreachable!: string[];
}

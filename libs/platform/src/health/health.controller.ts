import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ReadModelsHealthIndicator } from '../read-models/read-models.health';
import { KafkaHealthIndicator } from './kafka.health';

/**
 * `GET /health`: 200 only when the service's database and Kafka (consumer included) are working and its
 * read models' projectors are consuming; 503 otherwise. The details show each read model's lag.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly readModels: ReadModelsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      () => this.kafka.check('kafka'),
      () => this.readModels.check('readModels'),
    ]);
  }

  /**
   * `GET /health/live`: the process answers, nothing more. For an orchestrator's liveness probe: a
   * Kafka or database outage should take a pod out of rotation (readiness, `/health`), not restart
   * every pod in a loop while the outage lasts.
   */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }
}

import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReadModels } from './read-models.service';

/**
 * The read models in /health: each view's projector state and lag. A view that lags is still up (its
 * answers are only older); a projector that is not consuming is down, like the service's own consumer.
 */
@Injectable()
export class ReadModelsHealthIndicator {
  constructor(
    private readonly readModels: ReadModels,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'readModels') {
    const indicator = this.indicators.check(key);
    const views = await this.readModels.status();
    const consuming = Object.values(views).every((view) => view.state === 'consuming');
    return consuming ? indicator.up(views) : indicator.down(views);
  }
}

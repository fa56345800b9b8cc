export { checkpoints, type Checkpoint } from './checkpoints';
export { addToEventSet, type EventSetOptions, type StoredEvent } from './event-set';
export { projectNow } from './project-now';
export { shadowTable, viewLock, viewTransaction, type Projection, type ViewTransaction } from './projection';
export { ProjectionConsumer, type ProjectionConsumerOptions, type ProjectionConsumerState, type RetryPolicy } from './projection-consumer';
export { projectionLag, type ProjectionLag } from './projection-lag';
export { CreateProjectionCheckpoints1763769500003 } from './read-models.migration';
export { rebuildProjection, type RebuildOptions, type RebuildReport } from './rebuild';

export { decide, TIMEOUT, type Decision, type SagaEvent, type SagaNotification } from './saga-decisions';
export { defineSaga, type OutgoingCommand, type ReplyOutcome, type SagaDefinition, type SagaStep } from './saga-definition';
export { SagaEngine, type SagaCause, type SagaHook } from './saga-engine';
export { isFinished, type SagaState, type SagaStatus } from './saga-state';
export { SagaConcurrencyError, sagaStore, type StoredSaga } from './saga-store';
export { CreateSagaInstances1763769500002 } from './saga.migration';

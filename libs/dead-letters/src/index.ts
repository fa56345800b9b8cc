export { DeadLetterHeaders, type DeadLetterReason } from './dead-letter-headers';
export { deadLetterTopic, parkDeadLetter, type FailedMessage, type Failure } from './dead-letter-publisher';

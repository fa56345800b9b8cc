export { DeadLetterHeaders, type DeadLetterReason } from './dead-letter-headers';
export { deadLetterTopic, parkDeadLetter, type FailedMessage, type Failure } from './dead-letter-publisher';
export { isDeadLetterTopic, listDeadLetters, purgeDeadLetters, replayDeadLetters, type DeadLetter, type DeadLetterFilter } from './dead-letter-store';

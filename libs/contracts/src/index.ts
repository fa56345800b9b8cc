export { ALL_TOPICS, deadLetterTopicOf, retryTopicOf, Topics, type TopicDefinition } from './topics';

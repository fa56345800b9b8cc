import { ALL_TOPICS, deadLetterTopicOf, Topics } from './topics';

describe('topic catalogue', () => {
  it('names every topic after its owner', () => {
    for (const topic of ALL_TOPICS) expect(topic.name.startsWith(`${topic.owner}.`)).toBe(true);
  });

  it('gives every primary topic a dead-letter sibling', () => {
    const names = new Set(ALL_TOPICS.map((topic) => topic.name));
    const primaries = Object.values(Topics).flatMap((byKind) => Object.values(byKind));

    for (const topic of primaries) {
      expect(names).toContain(deadLetterTopicOf(topic));
    }
    expect(names.size).toBe(primaries.length * 2);
  });
});

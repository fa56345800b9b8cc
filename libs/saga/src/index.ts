// The saga engine. See docs/patterns/saga.md.

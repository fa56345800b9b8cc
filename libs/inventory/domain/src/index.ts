// The inventory domain: plain TypeScript, no framework (lint enforces it). See docs/domain.md.

// The routing domain: plain TypeScript, no framework (lint enforces it). See docs/domain.md.

// Proof that the architecture rules in eslint.config.mjs bite: each case lints a deliberately wrong
// import as if it were written in a real file of the workspace, and expects the boundary rule to
// reject it. (If the rules were switched off, or a tag went missing, this test fails.)
// ESLint runs as the `npm test` lint step runs it: its CLI, with the code on standard input.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

// The Nx rule reads the cached project graph and, when there is none, *skips itself* with a warning.
// `nx run-many -t lint` computes the graph first; a bare `eslint` call would not, so do it here too.
beforeAll(() => {
  const nx = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: root, env, encoding: 'utf8' });
  expect(nx.status).toBe(0);
});

function boundaryErrors(filePath: string, code: string): string[] {
  const eslint = spawnSync(join(root, 'node_modules', '.bin', 'eslint'), ['--format', 'json', '--stdin', '--stdin-filename', filePath], {
    cwd: root,
    input: code,
    encoding: 'utf8',
    env,
  });
  expect(eslint.stdout).not.toContain('The rule will be skipped');
  const [result] = JSON.parse(eslint.stdout.trim().split('\n').pop()!) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);
}

describe('module boundaries', () => {
  it('accepts a service importing the shared libraries', () => {
    const errors = boundaryErrors('apps/orders/src/example.ts', `import { Topics } from '@waybill/contracts';\nexport const topic = Topics.orders.events;\n`);

    expect(errors).toEqual([]);
  });

  it('rejects a service importing another service', () => {
    const errors = boundaryErrors(
      'apps/orders/src/example.ts',
      `import { inventoryService } from '../../inventory/src/inventory.service-definition';\nexport const other = inventoryService;\n`,
    );

    expect(errors).not.toEqual([]);
  });

  it('rejects domain code importing a framework, an ORM or a Kafka client', () => {
    for (const framework of ['@nestjs/common', 'typeorm', 'kafkajs']) {
      const errors = boundaryErrors('libs/orders/domain/src/example.ts', `import * as framework from '${framework}';\nexport const used = framework;\n`);

      expect(errors.join('\n')).toContain(framework);
    }
  });

  it('rejects one service’s domain importing another’s', () => {
    const errors = boundaryErrors('libs/orders/domain/src/example.ts', `import * as stock from '@waybill/inventory-domain';\nexport const used = stock;\n`);

    expect(errors).not.toEqual([]);
  });

  it('rejects contracts importing a framework', () => {
    const errors = boundaryErrors('libs/contracts/src/example.ts', `import { Injectable } from '@nestjs/common';\nexport const decorator = Injectable;\n`);

    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  });

  it('rejects production code importing the test harness', () => {
    const errors = boundaryErrors('libs/platform/src/example.ts', `import { freshSchema } from '@waybill/testing';\nexport const fresh = freshSchema;\n`);

    expect(errors).not.toEqual([]);
  });
});

// The lint rule that keeps test code out of production: ESLint itself, with the repository's
// eslint.config.mjs, on small snippets placed (by file path) in production and test files.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  // ESLint prefixes each message with the import it refused; the reason is the pattern's message.
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message.replace(/^.* by a pattern\. /, ''));
}

const TEST_CODE = 'Production code never imports test code (test/, bench/, e2e/, *.test.ts).';

describe('production files may not import test code', () => {
  it.each([
    ['src/core/store/example.ts', "import { makeTempDir } from '../../../test/support/temp-library';\nexport const x = makeTempDir;\n"],
    ['src/cli/commands/example.ts', "import { run } from '../../../bench/sections/cli';\nexport const x = run;\n"],
    ['src/shared/example.ts', "import { x } from '../../e2e/support/app-fixture';\nexport const y = x;\n"],
    ['src/core/api/example.ts', "import { x } from './services.test';\nexport const y = x;\n"],
    ['src/renderer/src/example.tsx', "import { x } from '../../../test/interchange/test-bundle';\nexport const y = x;\n"],
    ['src/main/example.ts', "import { x } from '../../test/support/child-runner';\nexport const y = x;\n"],
    ['src/charts/example.ts', "import { x } from '../../test/agreement/synthetic-document';\nexport const y = x;\n"],
  ])('%s', async (file, code) => {
    expect(await restrictedImports(file, code)).toContain(TEST_CODE);
  });

  it('keeps the layer rules for production files too', async () => {
    const messages = await restrictedImports('src/core/example.ts', "import { x } from '../main/index';\nexport const y = x;\n");
    expect(messages).toContain('core/ depends only on shared/.');
  });
});

describe('tests beside the code may', () => {
  it('a core test imports a test helper', async () => {
    expect(await restrictedImports('src/core/store/example.test.ts', "import { makeTempDir } from '../../../test/support/temp-library';\nexport const x = makeTempDir;\n")).toEqual([]);
  });

  it('a core test still may not import Electron', async () => {
    expect(await restrictedImports('src/core/store/example.test.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('core/ must run without Electron (CLI, tests).');
  });

  it('a production file importing production code is fine', async () => {
    expect(await restrictedImports('src/core/store/example.ts', "import { fail } from '../../shared/result';\nexport const x = fail;\n")).toEqual([]);
  });
});

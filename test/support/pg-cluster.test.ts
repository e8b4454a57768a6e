// The team-mode tests never skip: without PostgreSQL's server binaries they fail, saying how to get them.
import { afterEach, describe, expect, it } from 'vitest';
import { findPgBin } from './pg-cluster';
import { makeTempDir } from './temp-library';

describe('findPgBin', () => {
  const saved = process.env.CLAIMTAG_PG_BIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.CLAIMTAG_PG_BIN;
    else process.env.CLAIMTAG_PG_BIN = saved;
  });

  it('fails loudly, with the install command, when the binaries are missing', () => {
    const empty = makeTempDir('claimtag-no-pg-');
    try {
      process.env.CLAIMTAG_PG_BIN = empty.dir;
      expect(() => findPgBin()).toThrow(/apt-get install postgresql/);
    } finally {
      empty.cleanup();
    }
  });

  it('finds the installed PostgreSQL here', () => {
    delete process.env.CLAIMTAG_PG_BIN;
    expect(findPgBin()).toMatch(/\/bin$/);
  });
});

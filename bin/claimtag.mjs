#!/usr/bin/env node
// The installed `claimtag` command: the bundled CLI (scripts/build-cli.mjs → out/cli/claimtag.js),
// plain JavaScript on the same core as the app. Node's compile cache keeps later starts fast.
import fs from 'node:fs';
import module from 'node:module';

// better-sqlite3 13 (a Node-API 10 addon) crashes older Node outright: say so instead.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`claimtag needs Node 22.12 or newer (this is ${process.version}); see "Start the app" in the README.\n`);
  process.exit(1);
}
const bundle = new URL('../out/cli/claimtag.js', import.meta.url);
if (!fs.existsSync(bundle)) {
  process.stderr.write('claimtag: the command is not built yet; run `npm run build:cli` (or `npm run build`) in the claimtag folder.\n');
  process.exit(1);
}
module.enableCompileCache?.();
module.createRequire(import.meta.url)(bundle.pathname);

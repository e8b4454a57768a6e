#!/usr/bin/env node
// The installed `claimtag` command: runs the TypeScript CLI on the same core as the app.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/bin.ts', import.meta.url);

// `npm run screens`: the screenshot tour (e2e/tour), not part of `npm test`.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const renderer = base.projects?.find((p) => p.name === 'renderer');

export default defineConfig({
  ...base,
  testDir: './e2e/tour',
  timeout: 10 * 60_000,
  projects: [{ ...renderer, name: 'tour', testMatch: /\.tour\.ts$/ }],
});

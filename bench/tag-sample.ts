// Issue figure: on the bundled sample article, in the Chromium e2e setup (built renderer,
// real services bridged), the time from the tag key to the highlight being visible and to
// the row being committed, over 100 tags. Run: npx tsx bench/tag-sample.ts
import path from 'node:path';
import { chromium } from '@playwright/test';
import { LibrarySession } from '../src/core/api/library-session';
import { databasePathIn } from '../src/core/data-dir';
import { loadBundledSample } from '../src/core/store/bundled-sample';
import { makeTempDir } from '../test/support/temp-library';
import { API_METHODS } from '../src/shared/api-methods';
import { serveRenderer } from '../e2e/support/static-server';

const ROOT = path.resolve(__dirname, '..');
const TAGS = Number(process.env.TAGS ?? 100);

interface Timing {
  key: number;
  visible?: number;
  commit?: number;
}

async function main() {
  const tmp = makeTempDir('claimtag-tag-sample-');
  const session = new LibrarySession({
    databasePath: databasePathIn(tmp.dir),
    dataDir: tmp.dir,
    loadSample: () => loadBundledSample(path.join(ROOT, 'resources')),
    backupEveryMs: 0,
  });
  await session.dispatch('setAnnotatorName', { name: 'Bench' });
  const server = await serveRenderer(path.join(ROOT, 'out/renderer'));
  const browser = await chromium.launch({
    executablePath: process.env.CLAIMTAG_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    // Results cross as JSON text (as in e2e/support/app-fixture.ts).
    await page.exposeBinding('__claimtagInvoke', async (_s, method: string, payload: unknown) => JSON.stringify(await session.dispatch(method, payload)));
    // A plain-JS string: functions compiled by tsx carry helpers that do not exist in the page.
    await page.addInitScript(`(() => {
      const methods = ${JSON.stringify(API_METHODS)};
      const w = window;
      w.__t = [];
      window.addEventListener('keydown', (e) => {
        if (e.key !== '1') return;
        const t = { key: performance.now() };
        w.__t.push(t);
        const before = CSS.highlights.get('ct-label-0')?.size ?? 0;
        const check = (ts) => {
          if ((CSS.highlights.get('ct-label-0')?.size ?? 0) > before) t.visible = ts;
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, true);
      const api = {};
      for (const m of methods) {
        api[m] = (input) => {
          const p = w.__claimtagInvoke(m, input).then(JSON.parse);
          if (m === 'createAnnotation') {
            const t = w.__t[w.__t.length - 1];
            p.then(() => t && (t.commit = performance.now()));
          }
          return p;
        };
      }
      api.onMenuCommand = () => () => {};
      Object.defineProperty(window, 'claimtag', { value: Object.freeze(api) });
    })();`);
    await page.goto(`${server.origin}/index.html`);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.locator('.article-text[data-ready="true"]').waitFor();

    // 100 distinct words of 5+ letters, spread over the article
    const words = await page.evaluate(() => {
      const out: Array<{ block: number; at: number; len: number }> = [];
      document.querySelectorAll<HTMLElement>('.article-text [data-start]').forEach((el, block) => {
        const text = el.textContent ?? '';
        for (const m of text.matchAll(/\p{L}{5,}/gu)) out.push({ block, at: m.index!, len: m[0].length });
      });
      return out;
    });
    const step = Math.max(1, Math.floor(words.length / TAGS));
    const chosen = words.filter((_, i) => i % step === 0).slice(0, TAGS);
    for (const w of chosen) {
      await page.evaluate(({ block, at, len }) => {
        const el = document.querySelectorAll<HTMLElement>('.article-text [data-start]')[block];
        const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode() as Text;
        window.getSelection()!.setBaseAndExtent(text, at, text, at + len);
      }, w);
      const n = await page.evaluate(() => (window as unknown as { __t: Timing[] }).__t.length);
      await page.keyboard.press('1');
      await page.waitForFunction((k) => {
        const t = (window as unknown as { __t: Timing[] }).__t[k];
        return t?.visible !== undefined && t?.commit !== undefined;
      }, n);
    }
    const timings = await page.evaluate(() => (window as unknown as { __t: Timing[] }).__t);
    const visible = timings.map((t) => t.visible! - t.key).sort((a, b) => a - b);
    const commit = timings.map((t) => t.commit! - t.key).sort((a, b) => a - b);
    const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
    const fmt = (xs: number[]) => `median ${q(xs, 50).toFixed(1)} ms, p95 ${q(xs, 95).toFixed(1)} ms, min ${xs[0].toFixed(1)}, max ${xs[xs.length - 1].toFixed(1)}`;
    console.log(`sample article, ${timings.length} tags`);
    console.log(`key → highlight visible (first frame showing it): ${fmt(visible)}`);
    console.log(`key → row committed (SQLite write acknowledged in the renderer): ${fmt(commit)}`);
  } finally {
    await browser.close();
    await server.close();
    session.close();
    tmp.cleanup();
  }
}

void main();

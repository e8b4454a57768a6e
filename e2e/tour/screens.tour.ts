// Not a test: a tour that photographs every screen at the widths analysts use (900 px is the
// window's minimum), in light and dark, for people to look at. `npm run screens` writes them to
// test-results/screens/tour/<screen>-<width>-<theme>.png.
import type { Page } from '@playwright/test';
import { test, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

// TOUR_WIDTHS=900,1024 and TOUR_SCREENS=workbench,compare narrow a run down.
const WIDTHS = (process.env.TOUR_WIDTHS?.split(',').map(Number) ?? [900, 1024, 1360, 1600]);
const THEMES = ['light', 'dark'] as const;
const OUT = 'test-results/screens/tour';

const MINE: Array<[string, string]> = [
  ['Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level', '1'],
  ['The surprise move is viewed as highly significant in the rapidly evolving regional geopolitics.', '2'],
  ['no country has as yet formally recognised the Taliban administration', '1'],
  ['it is difficult to expect the Taliban regime to moderate its conservative policy', '3'],
];

/** A colleague's work on the same article, as if imported from their file. */
function seedColleague(app: AppHarness): void {
  const library = app.library!;
  const doc = library.documents.list()[0];
  const text = library.documents.textOf(doc.id);
  const bilal = library.annotators.add('Bilal Ahmed').id;
  const add = (labelId: string, needle: string) => {
    const start = text.indexOf(needle);
    library.annotations.add({ documentId: doc.id, annotatorId: bilal, labelId, start, end: start + needle.length }, text);
  };
  library.transaction(() => {
    add('fact', MINE[0][0]);
    add('opinion', 'no country has as yet formally recognised');
    add('allegation', MINE[3][0]);
  });
}

/** Each screen: how to reach it from the workbench, and how to leave it. */
const SCREENS: Array<{ name: string; open: (page: Page) => Promise<void>; close: (page: Page) => Promise<void> }> = [
  { name: 'workbench', open: async () => {}, close: async () => {} },
  {
    name: 'guidelines',
    open: async (page) => page.getByRole('button', { name: 'Guidelines', exact: true }).click(),
    close: async (page) => page.getByRole('button', { name: 'Guidelines', exact: true }).click(),
  },
  {
    name: 'tag-set',
    open: async (page) => page.getByRole('button', { name: 'Tag set…' }).click(),
    // Opened by mouse, it holds focus, so Escape closes it (#18).
    close: async (page) => page.keyboard.press('Escape'),
  },
  {
    // The library search kept after opening a hit: the words marked in the article, the place among the hits.
    name: 'search',
    open: async (page) => {
      await page.getByLabel('Search the library').fill('Taliban');
      await page.locator('.doc-list[aria-label="Search results"] .doc-item').first().click();
      await page.keyboard.press('F3');
    },
    close: async (page) => page.getByLabel('Search the library').fill(''),
  },
  {
    // A light highlighter colour in the Tag set dialog: the verdict and the preview on both pages.
    name: 'tag-set-colour',
    open: async (page) => {
      await page.getByRole('button', { name: 'Tag set…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Tag set' });
      await dialog.getByRole('list', { name: 'Labels' }).getByRole('button', { name: /Opinion/ }).click();
      await dialog.getByLabel('Colour', { exact: true }).fill('#ffd966');
    },
    close: async (page) => page.getByRole('dialog', { name: 'Tag set' }).getByRole('button', { name: 'Close', exact: true }).click(),
  },
  {
    // A notice: one at the bottom of the window, with its dismiss button.
    name: 'notice',
    open: async (page) => page.locator('.topbar .done-toggle').click(),
    close: async (page) => {
      await page.locator('.topbar .done-toggle').click();
      await page.getByRole('button', { name: /Dismiss notice/ }).click();
    },
  },
  {
    name: 'export',
    open: async (page) => page.keyboard.press('Control+e'),
    close: async (page) => page.keyboard.press('Escape'),
  },
  {
    name: 'shortcuts',
    open: async (page) => page.keyboard.press('?'),
    close: async (page) => page.keyboard.press('Escape'),
  },
  {
    name: 'team',
    open: async (page) => {
      await page.getByRole('button', { name: 'Team', exact: true }).focus();
      await page.keyboard.press('Enter');
    },
    close: async (page) => page.keyboard.press('Escape'),
  },
  {
    name: 'studies',
    open: async (page) => page.keyboard.press('Control+Shift+D'),
    close: async (page) => page.keyboard.press('Escape'),
  },
  {
    name: 'compare',
    open: async (page) => page.getByRole('button', { name: 'Compare', exact: true }).click(),
    close: async (page) => page.getByRole('button', { name: 'Back to tagging' }).click(),
  },
];

test('photograph every screen at every width, light and dark', async ({ app, page }) => {
  test.setTimeout(10 * 60_000);
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha Khan');
  for (const [text, key] of MINE) {
    await article.select(text);
    await page.keyboard.press(key);
  }
  seedColleague(app);
  await page.reload();
  await article.waitReady();

  const only = process.env.TOUR_SCREENS?.split(',');
  for (const screen of SCREENS.filter((s) => !only || only.includes(s.name))) {
    for (const width of WIDTHS) {
      for (const theme of THEMES) {
        await page.setViewportSize({ width, height: 860 });
        await page.emulateMedia({ colorScheme: theme });
        await page.locator('body').click({ position: { x: 1, y: 1 } }).catch(() => {});
        await screen.open(page);
        await page.waitForTimeout(250);
        await page.screenshot({ path: `${OUT}/${screen.name}-${width}-${theme}.png` });
        // Say which elements stick out of the window, so an overflow is found, not just seen.
        const wide = await page.evaluate((w) => {
          const out: string[] = [];
          for (const el of Array.from(document.querySelectorAll('body *'))) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > w + 1 && !out.some((o) => el.parentElement?.closest(o))) out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')}`);
          }
          return out.slice(0, 5);
        }, width);
        if (wide.length > 0) console.log(`${screen.name} ${width}: wider than the window: ${wide.join(', ')}`);
        await screen.close(page);
        await page.waitForTimeout(100);
      }
    }
  }
});

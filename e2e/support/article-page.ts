import type { Locator, Page } from '@playwright/test';

/** Page object for the workbench: the article, the toolbar, the annotation list. */
export class ArticlePage {
  readonly text: Locator;
  readonly list: Locator;
  readonly items: Locator;
  readonly saveState: Locator;

  constructor(readonly page: Page) {
    this.text = page.locator('.article-text');
    this.list = page.locator('.side-panel');
    this.items = page.locator('.annotation-item');
    this.saveState = page.getByTestId('save-state');
  }

  async waitReady(): Promise<void> {
    await this.page.locator('.article-text[data-ready="true"]').waitFor();
  }

  async enterName(name: string): Promise<void> {
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('button', { name: 'Start tagging' }).click();
    await this.waitReady();
  }

  /** Selects the `occurrence`-th match of `needle` in the article with a DOM range (like a precise drag). */
  async select(needle: string, occurrence = 0): Promise<void> {
    await this.page.evaluate(
      ([n, k]) => {
        const root = document.querySelector('.article-text')!;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          let at = node.data.indexOf(n);
          while (at >= 0) {
            if (seen++ === k) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + n.length);
              const sel = window.getSelection()!;
              sel.removeAllRanges();
              sel.addRange(range);
              return;
            }
            at = node.data.indexOf(n, at + 1);
          }
        }
        throw new Error(`"${n}" not found in the article`);
      },
      [needle, occurrence] as const,
    );
  }

  /** Drags the mouse across `needle`, as an analyst would. */
  async dragAcross(needle: string): Promise<void> {
    const box = await this.page.evaluate((n) => {
      const root = document.querySelector('.article-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(n);
        if (at < 0) continue;
        const first = document.createRange();
        first.setStart(node, at);
        first.setEnd(node, at + 1);
        const last = document.createRange();
        last.setStart(node, at + n.length - 1);
        last.setEnd(node, at + n.length);
        const a = first.getBoundingClientRect();
        const b = last.getBoundingClientRect();
        return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
      }
      throw new Error(`"${n}" not found`);
    }, needle);
    await this.page.mouse.move(box.x1, box.y1);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x2, box.y2, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Clicks inside the article on the middle of `needle`. */
  async clickOn(needle: string): Promise<void> {
    const point = await this.page.evaluate((n) => {
      const root = document.querySelector('.article-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(n);
        if (at < 0) continue;
        const mid = at + Math.floor(n.length / 2);
        node.parentElement?.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(node, mid);
        r.setEnd(node, mid + 1);
        const rect = r.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      throw new Error(`"${n}" not found`);
    }, needle);
    await this.page.mouse.click(point.x, point.y);
  }

  /** What the list shows: [label, quote] per annotation, in order. */
  async listed(): Promise<Array<[string, string]>> {
    return this.items.evaluateAll((els) =>
      els.map((el) => [el.querySelector('.annotation-label')!.textContent ?? '', el.querySelector('.annotation-quote')!.textContent ?? ''] as [string, string]),
    );
  }

  /** The number of ranges painted per highlight name. */
  async highlightCounts(): Promise<Record<string, number>> {
    return this.page.evaluate(() => {
      const out: Record<string, number> = {};
      CSS.highlights.forEach((h, name) => (out[name] = h.size));
      return out;
    });
  }

  async articleText(): Promise<string> {
    return this.text.evaluate((el) => Array.from(el.querySelectorAll('[data-start]')).map((b) => b.textContent).join('\n'));
  }
}

// Articles as fact-checkers receive them: a PDF by the dialog and by drop, a scanned PDF
// refused with its reason, and the formats named where the library invites an import.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const PDF_FIXTURES = path.resolve(__dirname, '../../test/fixtures/pdf');
const SHOTS = process.env.CLAIMTAG_SHOTS_DIR;

/** A one-page PDF whose page is only an image (what a scanner writes). */
const SCANNED_PDF = (() => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u0080\nendstream',
    '<< /Length 29 >>\nstream\nq 200 0 0 200 0 0 cm /Im1 Do Q\nendstream',
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return [...Buffer.from(out, 'latin1')];
})();

test.beforeEach(async ({ app, page }) => {
  await app.start();
  await new ArticlePage(page).enterName('Ayesha');
});

test('a text PDF imports by the dialog and by drop; a scanned one is refused as having no text layer', async ({ app, page }) => {
  app.nextImportFiles = [path.join(PDF_FIXTURES, 'bitcoin-whitepaper-page1.pdf')];
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.locator('.doc-title')).toHaveText('Bitcoin: A Peer-to-Peer Electronic Cash System');
  await expect(page.locator('.article-text')).toContainText('non-reversible payments for non-reversible services');

  const before = app.library!.documents.list().length;
  await page.evaluate(
    (files) => {
      const data = new DataTransfer();
      for (const f of files) data.items.add(new File([new Uint8Array(f.content)], f.name, { type: 'application/pdf' }));
      const target = document.querySelector('.shell')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [
      { name: 'german.pdf', content: [...fs.readFileSync(path.join(PDF_FIXTURES, 'german-line.pdf'))] },
      { name: 'scan.pdf', content: SCANNED_PDF },
    ],
  );
  const summary = page.getByRole('dialog', { name: '1 of 2 imported' });
  await expect(summary).toBeVisible();
  await expect(summary.locator('li.failed')).toContainText('This PDF has no text layer');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'pdf-drop-summary.png') });
  expect(app.library!.documents.list().length).toBe(before + 1);
});

test('the empty library and the drop overlay name every article format, .pdf included', async ({ page }) => {
  const current = (await page.locator('.doc-title').textContent()) ?? '';
  await page.getByRole('button', { name: `Delete ${current}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Delete document/ }).click();
  const empty = page.locator('.empty', { hasText: 'Your library is empty' });
  await expect(empty).toContainText('Import an article (.txt, .md, .html, .docx, .pdf)');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' }));
    document.querySelector('.shell')!.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('.drop-overlay')).toContainText('Drop articles (.txt, .md, .html, .docx, .pdf)');
  if (SHOTS) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [900, 1024, 1360, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: path.join(SHOTS, `empty-library-drop-${width}-${scheme}.png`) });
      }
    }
  }
});

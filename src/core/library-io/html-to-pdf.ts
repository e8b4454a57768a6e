import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppFailure } from '../../shared/result';

const run = promisify(execFile);

/** A headless Chromium to print with: CLAIMTAG_CHROMIUM, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAIMTAG_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * Prints the self-contained HTML report to PDF with headless Chromium (the CLI's path;
 * the app uses Electron's printToPDF). The page carries its own header and page numbers
 * through @page rules, so Chromium's default header and footer are turned off.
 */
export async function htmlToPdf(html: string, signal?: AbortSignal, browser = chromiumPath()): Promise<Buffer> {
  try {
    await fs.access(browser);
  } catch {
    throw new AppFailure({ code: 'unsupported', message: `PDF export needs Chromium at ${browser}. Install it (Debian: apt-get install chromium) or set CLAIMTAG_CHROMIUM.` });
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'claimtag-pdf-'));
  try {
    const input = path.join(dir, 'report.html');
    const output = path.join(dir, 'report.pdf');
    await fs.writeFile(input, html, 'utf8');
    await run(
      browser,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${output}`,
        `file://${input}`,
      ],
      { timeout: 60_000, signal },
    );
    return await fs.readFile(output);
  } catch (err) {
    if (err instanceof AppFailure) throw err;
    if (signal?.aborted) throw new AppFailure({ code: 'cancelled', message: 'The export was cancelled; no file was written or changed.' });
    throw new AppFailure({ code: 'internal', message: 'Chromium could not print the report to PDF.' });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

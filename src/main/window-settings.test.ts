import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The literal values of LOCKED_WEB_PREFERENCES (security/locked-web-preferences.ts). */
function lockedPreferences(dir: string): Record<string, string> {
  const full = path.join(dir, 'security', 'locked-web-preferences.ts');
  const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
  const prefs: Record<string, string> = {};
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) for (const p of node.properties) if (ts.isPropertyAssignment(p)) prefs[p.name.getText()] = p.initializer.getText();
    ts.forEachChild(node, visit);
  };
  visit(source);
  return prefs;
}

/** Every `new BrowserWindow({...})` in main, with its webPreferences as literal text values. */
function windowsCreatedIn(dir: string): Array<{ file: string; prefs: Record<string, string> }> {
  const found: Array<{ file: string; prefs: Record<string, string> }> = [];
  for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const full = path.join(dir, file);
    const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow') {
        const options = node.arguments?.[0];
        const prefs: Record<string, string> = {};
        if (options && ts.isObjectLiteralExpression(options)) {
          for (const p of options.properties) {
            if (ts.isPropertyAssignment(p) && p.name.getText() === 'webPreferences' && ts.isObjectLiteralExpression(p.initializer)) {
              for (const q of p.initializer.properties) {
                if (ts.isPropertyAssignment(q)) prefs[q.name.getText()] = q.initializer.getText();
                // the shared locked set, read from its own file as literal text too
                else if (ts.isSpreadAssignment(q) && q.expression.getText() === 'LOCKED_WEB_PREFERENCES') Object.assign(prefs, lockedPreferences(dir));
                else prefs[`unchecked ${q.getText()}`] = '?';
              }
            }
          }
        }
        found.push({ file, prefs });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('every window the app creates', () => {
  const windows = windowsCreatedIn(path.resolve(__dirname));

  it('is found by this check', () => {
    expect(windows.length).toBeGreaterThan(0);
  });

  it.each(windows.map((w) => [w.file, w.prefs] as const))('%s is isolated, sandboxed and without Node', (_file, prefs) => {
    expect(prefs).toMatchObject({
      contextIsolation: 'true',
      sandbox: 'true',
      nodeIntegration: 'false',
      nodeIntegrationInWorker: 'false',
      nodeIntegrationInSubFrames: 'false',
      webSecurity: 'true',
      allowRunningInsecureContent: 'false',
      experimentalFeatures: 'false',
      webviewTag: 'false',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('no source in the app uses <webview> or disables security elsewhere', () => {
    const src = path.resolve(__dirname, '..');
    for (const file of fs.readdirSync(src, { recursive: true }) as string[]) {
      if (!/\.(ts|tsx|html)$/.test(file) || file.endsWith('.test.ts')) continue;
      const text = fs.readFileSync(path.join(src, file), 'utf8');
      expect(text, file).not.toMatch(/<webview|webSecurity:\s*false|contextIsolation:\s*false|sandbox:\s*false|nodeIntegration:\s*true/);
    }
  });
});

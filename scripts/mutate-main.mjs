#!/usr/bin/env node
// Breaks each main-process safeguard in turn (one-line mutations of the source), runs the
// main-process tests, and reports which mutations the tests catch. Every mutation must be
// caught; the script exits 1 when one survives. The source is restored after each run.
//
//   node scripts/mutate-main.mjs            # all mutations
//   node scripts/mutate-main.mjs sandbox    # only those whose name contains "sandbox"
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const TESTS = ['src/main'];

/** [name, file, text to find (exactly once), replacement] */
const MUTATIONS = [
  ['app.enableSandbox() not called', 'src/main/index.ts', 'app.enableSandbox();', ''],
  ['permission request handler grants everything', 'src/main/security/harden-web-contents.ts', 'callback(false)', 'callback(true)'],
  ['permission check handler grants everything', 'src/main/security/harden-web-contents.ts', 'setPermissionCheckHandler(() => false)', 'setPermissionCheckHandler(() => true)'],
  ['device permission handler grants everything', 'src/main/security/harden-web-contents.ts', 'setDevicePermissionHandler(() => false)', 'setDevicePermissionHandler(() => true)'],
  ['denyAllPermissions not called', 'src/main/index.ts', 'denyAllPermissions(session.defaultSession);', ''],
  ['no CSP header on app:// responses', 'src/main/app-protocol.ts', "'content-security-policy': RENDERER_CSP,", ''],
  ['will-attach-webview not prevented', 'src/main/security/harden-web-contents.ts', "contents.on('will-attach-webview', (e) => e.preventDefault());", ''],
  ['will-navigate not prevented', 'src/main/security/harden-web-contents.ts', "contents.on('will-navigate', (e) => e.preventDefault());", ''],
  ['will-frame-navigate not prevented', 'src/main/security/harden-web-contents.ts', "contents.on('will-frame-navigate', (e) => e.preventDefault());", ''],
  ['will-redirect not prevented', 'src/main/security/harden-web-contents.ts', "contents.on('will-redirect', (e) => e.preventDefault());", ''],
  ['hardenAllWebContents not called', 'src/main/index.ts', 'hardenAllWebContents(app);', ''],
  ['setWindowOpenHandler returns allow', 'src/main/security/harden-web-contents.ts', "return { action: 'deny' };", "return { action: 'allow' };"],
  ['shell.openExternal given the raw URL', 'src/main/security/harden-web-contents.ts', 'void shell.openExternal(safe)', 'void shell.openExternal(url)'],
  ['IPC handler skips the sender check', 'src/main/ipc.ts', "if (!isTrustedSender(event, trustedOrigins)) return fail('invalid-input', 'Request refused: it did not come from claimtag.');", ''],
  ['sender check accepts iframes', 'src/main/security/trusted-sender.ts', 'if (!frame || frame.parent !== null) return false;', 'if (!frame) return false;'],
  [
    'trusted origins widened in production',
    'src/main/index.ts',
    'const trustedOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN];',
    "const trustedOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN, 'http://localhost:5173'];",
  ],
  ['app: scheme registered with bypassCSP', 'src/main/app-protocol.ts', 'supportFetchAPI: true }', 'supportFetchAPI: true, bypassCSP: true }'],
  ['app: scheme not registered as privileged', 'src/main/index.ts', 'registerAppScheme();', ''],
  ['window loads file:// instead of app://', 'src/main/index.ts', 'const url = devServerUrl ?? `${APP_ORIGIN}/index.html`;', "const url = devServerUrl ?? `file://${path.join(__dirname, '../renderer/index.html')}`;"],
  ['remote page loaded in production', 'src/main/index.ts', 'developmentServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged)', 'process.env.ELECTRON_RENDERER_URL || undefined'],
  ['dev server honoured when packaged', 'src/main/security/dev-server-url.ts', 'if (!raw || isPackaged) return undefined;', 'if (!raw) return undefined;'],
  ['app:// serves other hosts', 'src/main/security/bundle-path.ts', 'if (url.host !== host) return null;', ''],
  ['app:// path check by prefix without separator', 'src/main/security/bundle-path.ts', 'resolved.startsWith(root + path.sep)', 'resolved.startsWith(root)'],
];

const only = process.argv[2];
const results = [];
for (const [name, rel, find, replace] of MUTATIONS) {
  if (only && !name.includes(only)) continue;
  const file = path.join(root, rel);
  const original = fs.readFileSync(file, 'utf8');
  const count = original.split(find).length - 1;
  if (count !== 1) {
    results.push([name, `NOT APPLIED (found ${count} times)`]);
    continue;
  }
  fs.writeFileSync(file, original.replace(find, replace));
  let caught;
  try {
    execFileSync('npx', ['vitest', 'run', ...TESTS], { cwd: root, stdio: 'ignore' });
    caught = false;
  } catch {
    caught = true;
  } finally {
    fs.writeFileSync(file, original);
  }
  results.push([name, caught ? 'caught' : 'SURVIVED']);
  console.log(`${caught ? 'caught  ' : 'SURVIVED'}  ${name}`);
}
const bad = results.filter(([, r]) => r !== 'caught');
console.log(`\n${results.length - bad.length} of ${results.length} mutations caught by: vitest run ${TESTS.join(' ')}`);
for (const [name, r] of bad) console.log(`  ${r}: ${name}`);
process.exit(bad.length ? 1 : 0);

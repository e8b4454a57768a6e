#!/usr/bin/env node
// npm run audit:security: Electronegativity over the main process, the preload and the built app,
// gated. Electronegativity exits 0 whatever it finds, so this script parses its CSV and exits 1
// on any HIGH or MEDIUM finding that docs/security-accepted-findings.json does not accept with
// a reason. It is an extra lint: the checks of record are the tests listed in docs/security.md.
//
//   node scripts/audit-security.mjs [--verbose] [--keep] [extra inputs…]
//
// Scans (run in parallel, each time-boxed):
//   source  src/main and src/preload (without tests) and src/renderer/index.html, staged into one
//           folder so the tool's global checks (CSP, navigation limits, permission handler) see
//           the whole app at once, as they would in a real package
//   built   out/ (main, preload, renderer bundles) when `electron-vite build` has produced it
//   extra   any folder, .js, .html or .asar given on the command line (e.g. the packaged app.asar
//           in a release job), each reported as scan "extra:<file name>"
//
// Exit codes: 0 clean or all accepted, 1 unaccepted HIGH/MEDIUM finding, 2 the tool or the
// allow-list failed (a scan that did not finish never counts as clean).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALLOW_LIST = path.join(ROOT, 'docs', 'security-accepted-findings.json');
const TIME_BOX_MS = Number(process.env.AUDIT_SECURITY_TIMEOUT_MS ?? 180_000);
const GATED = new Set(['HIGH', 'MEDIUM']);
const SEVERITY_ORDER = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const keep = argv.includes('--keep');
const extraInputs = argv.filter((a) => !a.startsWith('--')).map((a) => path.resolve(a));

/** The Electron version the app ships, so version-dependent checks use today's defaults. */
function electronVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

function electronegativityBin() {
  const pkgFile = require.resolve('@doyensec/electronegativity/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  return path.join(path.dirname(pkgFile), typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.electronegativity);
}

/** Copies what ships from src/ into one folder: main and preload code (no tests), the page shell. */
function stageSource(dir) {
  const keepFile = (src) => fs.statSync(src).isDirectory() || (/\.(ts|tsx|js|mjs|cjs)$/.test(src) && !/\.test\.[cm]?[jt]sx?$/.test(src));
  for (const part of ['main', 'preload']) {
    fs.cpSync(path.join(ROOT, 'src', part), path.join(dir, part), { recursive: true, filter: keepFile });
  }
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.copyFileSync(path.join(ROOT, 'src/renderer/index.html'), path.join(dir, 'renderer/index.html'));
}

/** Runs Electronegativity on one folder; resolves with its findings, or rejects on failure or time-out. */
function scan(name, input, workDir, version) {
  const csv = path.join(workDir, `${name.replace(/[^\w.-]+/g, '_')}.csv`);
  const cliArgs = [
    electronegativityBin(),
    '-i', input,
    '-r',
    '-e', version,
    // the one check that goes online (Electron's release list); the version is pinned in package.json instead
    '-x', 'AvailableSecurityFixesGlobalCheck',
    '-o', csv,
  ];
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, cliArgs, { cwd: workDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL'); // the group we started, nothing else
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`${name}: Electronegativity did not finish within ${TIME_BOX_MS / 1000} s`));
    }, TIME_BOX_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (verbose) process.stdout.write(log);
      if (code !== 0 || !fs.existsSync(csv)) {
        reject(new Error(`${name}: Electronegativity failed (exit ${code}, ${fs.existsSync(csv) ? 'report written' : 'no report'}):\n${log.slice(-2000)}`));
        return;
      }
      const rows = parse(fs.readFileSync(csv, 'utf8'), { columns: (header) => header.map((h) => h.trim()), skip_empty_lines: true, relax_quotes: true });
      resolve({
        name,
        seconds: (Date.now() - started) / 1000,
        findings: rows.map((r) => ({
          scan: name,
          check: r.issue,
          severity: String(r.severity).toUpperCase(),
          confidence: String(r.confidence).toUpperCase(),
          file: r.filename,
          location: r.location,
          sample: String(r.sample ?? '').replace(/\s+/g, ' ').trim(),
          description: r.description,
        })),
      });
    });
  });
}

/** Reads and validates the allow-list: every entry names a check and a file and gives a reason. */
function loadAllowList() {
  if (!fs.existsSync(ALLOW_LIST)) return [];
  const data = JSON.parse(fs.readFileSync(ALLOW_LIST, 'utf8'));
  const entries = Array.isArray(data) ? data : data.accepted;
  if (!Array.isArray(entries)) throw new Error(`${path.relative(ROOT, ALLOW_LIST)}: expected { "accepted": [...] }`);
  entries.forEach((e, i) => {
    const where = `${path.relative(ROOT, ALLOW_LIST)} entry ${i}`;
    if (typeof e.check !== 'string' || !e.check) throw new Error(`${where}: "check" is required`);
    if (typeof e.file !== 'string' || !e.file) throw new Error(`${where}: "file" is required ("N/A" for global checks)`);
    if (typeof e.reason !== 'string' || e.reason.trim().length < 20) throw new Error(`${where}: "reason" must explain the acceptance`);
    if (e.scan !== undefined && (typeof e.scan !== 'string' || !/^(source|built|extra:.+)$/.test(e.scan))) throw new Error(`${where}: "scan" is "source", "built" or "extra:<file name>"`);
    if (e.sample !== undefined && typeof e.sample !== 'string') throw new Error(`${where}: "sample" is a string`);
  });
  return entries;
}

/** An entry accepts a finding when check, file and (if given) scan match and the flagged code contains its sample. */
const accepts = (entry, f) =>
  entry.check === f.check && entry.file === f.file && (entry.scan === undefined || entry.scan === f.scan) && (entry.sample === undefined || f.sample.includes(entry.sample));

async function main() {
  let allowList;
  try {
    allowList = loadAllowList();
  } catch (err) {
    console.error(`audit:security: ${err.message}`);
    return 2;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-audit-'));
  try {
    const version = electronVersion();
    const sourceDir = path.join(workDir, 'source');
    stageSource(sourceDir);
    const scans = [scan('source', sourceDir, workDir, version)];
    const outDir = path.join(ROOT, 'out');
    if (fs.existsSync(outDir)) scans.push(scan('built', outDir, workDir, version));
    else console.log('audit:security: out/ not found, scanning sources only (run `npm run build` to include the built app)');
    for (const input of extraInputs) {
      if (!fs.existsSync(input)) throw new Error(`no such input: ${input}`);
      scans.push(scan(`extra:${path.basename(input)}`, input, workDir, version));
    }

    const settled = await Promise.allSettled(scans);
    const failures = settled.filter((s) => s.status === 'rejected').map((s) => s.reason.message);
    const results = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
    const findings = results.flatMap((r) => r.findings);

    console.log(`Electronegativity (Electron ${version}): ${results.map((r) => `${r.name} ${r.findings.length} finding(s) in ${r.seconds.toFixed(1)} s`).join(', ') || 'no scan finished'}`);
    const used = new Set();
    let blocking = 0;
    for (const f of [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))) {
      const entry = allowList.find((e) => accepts(e, f));
      if (entry) used.add(entry);
      const gated = GATED.has(f.severity);
      const verdict = !gated ? 'note' : entry ? 'accepted' : 'FAIL';
      if (gated && !entry) blocking++;
      console.log(`  ${verdict.padEnd(8)} ${f.severity.padEnd(7)} ${f.check}  ${f.scan}:${f.file} ${f.location}  ${f.sample.slice(0, 70)}`);
      if (entry && verbose) console.log(`           reason: ${entry.reason}`);
      if (gated && !entry) console.log(`           ${f.description}`);
    }
    const bySeverity = SEVERITY_ORDER.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
    console.log(`Summary: ${bySeverity}; ${blocking} blocking, ${findings.filter((f) => GATED.has(f.severity)).length - blocking} accepted.`);
    const stale = allowList.filter((e) => !used.has(e) && (e.scan !== 'built' || fs.existsSync(outDir)));
    for (const e of stale) console.log(`  warning: allow-list entry no longer matches anything: ${e.check} ${e.file}${e.sample ? ` "${e.sample}"` : ''}`);
    for (const msg of failures) console.error(`audit:security: ${msg}`);
    if (failures.length) return 2;
    return blocking ? 1 : 0;
  } finally {
    if (keep) console.log(`reports kept in ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:security: ${err instanceof Error ? err.stack : err}`);
    process.exit(2);
  },
);

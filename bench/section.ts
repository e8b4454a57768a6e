// Runs one benchmark section in its own process (so a hang or crash is contained and the
// runner can time-box it) and writes its SectionResult as JSON to the file named second.
//   node --import tsx bench/section.ts <store|agree|export|renderer> <out.json>
import fs from 'node:fs';
import type { Figure, SectionResult } from './lib/result';

type SectionRun = () => Promise<{ figures: Figure[]; details?: Record<string, unknown> }>;

async function main(): Promise<void> {
  const [name, out] = process.argv.slice(2);
  const t0 = performance.now();
  let result: SectionResult;
  try {
    const mod = (await import(`./sections/${name}.ts`)) as { run: SectionRun };
    const { figures, details } = await mod.run();
    result = { name, status: 'ok', durationMs: performance.now() - t0, figures, details };
  } catch (err) {
    result = { name, status: 'failed', reason: err instanceof Error ? (err.stack ?? err.message) : String(err), durationMs: performance.now() - t0, figures: [] };
  }
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  process.exit(0);
}

void main();

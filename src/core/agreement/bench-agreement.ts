// Timing of computeAgreement on synthetic documents: 3 annotators × 1k/10k/100k annotations
// each, text growing with them (100 KB per 1k annotations), plus 300 annotators. Wall-clock
// median after warm-up, with the process CPU time (includes GC threads) for busy machines.
// Not a test; run with
//   npx tsx src/core/agreement/bench-agreement.ts

import { computeAgreement } from './compute-agreement';
import { syntheticDocument } from './synthetic-document';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function bench(annotators: number, perAnnotator: number, textLength: number): void {
  const input = syntheticDocument({ seed: 7, annotators, annotationsPerAnnotator: perAnnotator, textLength });
  const cold = performance.now();
  computeAgreement(input);
  const coldMs = performance.now() - cold;
  for (let warm = 0; warm < 2; warm++) computeAgreement(input);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let sentences = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    sentences = computeAgreement(input).sentences.count;
    const cpu = process.cpuUsage(cpu0);
    times.push(performance.now() - t0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const kb = (input.text.length / 1024).toFixed(0).padStart(6);
  console.log(
    `${String(annotators).padStart(3)} annotators × ${String(perAnnotator).padStart(6)} annotations, ` +
      `${kb} KiB text, ${String(sentences).padStart(6)} sentences: median ${median(times).toFixed(1).padStart(7)} ms ` +
      `(CPU ${median(cpuTimes).toFixed(1)} ms; min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; ${RUNS} runs; first call ${coldMs.toFixed(1)} ms)`,
  );
}

bench(3, 1_000, 100_000);
bench(3, 10_000, 1_000_000);
bench(3, 100_000, 10_000_000);
bench(300, 100, 100_000);

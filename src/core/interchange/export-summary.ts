// What an export could not carry, counted per reason, so the export's own summary can say it
// instead of dropping it silently.

export class LeftOut {
  private readonly counts = new Map<string, number>();

  /** Counts one occurrence of `what` (a sentence fragment such as "notes holding a line break"). */
  add(what: string, n = 1): void {
    if (n > 0) this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  /** "what: n" lines in the order first seen. */
  lines(): string[] {
    return [...this.counts].map(([what, n]) => `${what}: ${n}`);
  }
}

/** The plain-text summary written beside (or inside) an export. */
export function exportSummaryText(format: string, neverCarried: readonly string[], leftOut: readonly string[]): string {
  const lines = [`claimtag export: ${format}`, ''];
  if (neverCarried.length > 0) lines.push('This format does not carry:', ...neverCarried.map((x) => `- ${x}`), '');
  lines.push(leftOut.length > 0 ? 'Changed or left out in this export (count of claims):' : 'Nothing else was changed or left out.', ...leftOut.map((x) => `- ${x}`), '');
  return lines.join('\n');
}

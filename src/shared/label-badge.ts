// A label's badge: the short mark (one letter, or two, or letter + number) drawn in its colour
// wherever the label appears. One rule, here. It is derived from the label's id, which never
// changes, so renaming "Fact" to "Verified fact" keeps the badge an analyst learned (F); the
// name is shown beside it wherever there is room. Badges are distinct within a tag set.
import type { Label } from './types';

const lettersOf = (text: string) => Array.from(text.replace(/[\s\p{P}\p{S}\d]+/gu, '')).map((c) => c.toLocaleUpperCase('en-US'));

/** Badges for a tag set, in its order (an earlier label keeps the shorter badge). */
export function labelBadges(labels: readonly Pick<Label, 'id' | 'name'>[]): Map<string, string> {
  const badges = new Map<string, string>();
  const used = new Set<string>();
  for (const label of labels) {
    const letters = lettersOf(label.id);
    const source = letters.length ? letters : lettersOf(label.name);
    const first = source[0] ?? '?';
    const candidates = [first, source.slice(0, 2).join('')];
    let badge = candidates.find((c) => c !== '' && !used.has(c));
    for (let n = 2; badge === undefined; n++) if (!used.has(`${first}${n}`)) badge = `${first}${n}`;
    used.add(badge);
    badges.set(label.id, badge);
  }
  return badges;
}

/** One label's badge within its tag set (or on its own, when the set is not at hand). */
export function labelBadge(label: Pick<Label, 'id' | 'name'>, labels: readonly Pick<Label, 'id' | 'name'>[] = [label]): string {
  const set = labels.some((l) => l.id === label.id) ? labels : [...labels, label];
  return labelBadges(set).get(label.id)!;
}

// Reads what an annotation.conf says about a claim's structure, the way brat's projectconfig.py
// splits it: "[section]" headers, "#" comments, "terms<TAB>Arg:…, Value:a|b" lines, alternatives
// separated by "|". Only [relations] (which types are sources and cues) and [attributes] (the
// values each attribute may take) matter here.
import type { RelationKind } from '../../shared/claim-structure';
import { BRAT_CONFIDENCE_ATTRIBUTE, BRAT_RELATION_TYPES } from './brat-rules';

export interface BratConfAttribute {
  /** The name as brat writes it. */
  name: string;
  /** Types that may carry it; null for <ENTITY> or any. */
  types: string[] | null;
  /** Its values in order; empty for a binary (present / absent) attribute. */
  values: string[];
}

export interface BratConfReading {
  /** Entity type → the role its spans play, from the Arg2 of Source and Cue relations. */
  roles: Map<string, RelationKind>;
  attributes: Map<string, BratConfAttribute>;
}

const KIND_BY_TYPE = new Map((Object.entries(BRAT_RELATION_TYPES) as Array<[RelationKind, string]>).map(([kind, type]) => [type, kind]));

/** The relation type's link kind, or undefined for relation types claimtag does not read. */
export const bratRelationKind = (type: string): RelationKind | undefined => KIND_BY_TYPE.get(type);

export function readBratConf(conf: string): BratConfReading {
  const roles = new Map<string, RelationKind>();
  const attributes = new Map<string, BratConfAttribute>();
  let section = 'general';
  for (const line of conf.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    if (line.trim() === '' || /^\s*#/.test(line) || /^\s*-+\s*$/.test(line) || /^<[a-zA-Z_-]+>=/.test(line)) continue;
    const m = /^\s*([^\t]+?)\s*(?:\t(.*))?$/.exec(line) ?? /^\s*(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m) continue;
    const terms = m[1].split('|').map((t) => t.trim()).filter(Boolean);
    const args = (m[2] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const arg = (name: string): string[] | undefined => {
      const found = args.find((a) => a.startsWith(`${name}:`));
      return found === undefined ? undefined : found.slice(name.length + 1).split('|').map((t) => t.trim()).filter(Boolean);
    };
    if (section === 'relations') {
      for (const term of terms) {
        const kind = bratRelationKind(term);
        if (!kind) continue;
        for (const t of arg('Arg2') ?? []) if (!t.startsWith('<') && !roles.has(t)) roles.set(t, kind);
      }
    } else if (section === 'attributes') {
      const types = arg('Arg');
      const values = arg('Value') ?? [];
      for (const name of terms) {
        if (name === BRAT_CONFIDENCE_ATTRIBUTE) continue;
        attributes.set(name, { name, types: !types || types.some((t) => t.startsWith('<')) ? null : types, values });
      }
    }
  }
  return { roles, attributes };
}

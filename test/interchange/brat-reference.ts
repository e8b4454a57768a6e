/* eslint-disable no-control-regex -- Python treats these control characters as line breaks and spaces */
// Test-only: what brat's server does with an .ann file, written from reading nlplab/brat
// (server/src/annotation.py: _parse_ann_lines, _split_textbound_data, TextAnnotations.
// _parse_textbound_annotation, _parse_comment_annotation, _parse_attribute_annotation,
// _parse_relation_annotation, _sanity's check that referenced ids are defined;
// projectconfig.py: section parsing; verify_annotations.py: verify_annotation_types,
// verify_attributes, verify_relations). Python semantics are kept: lines come from str.splitlines(keepends=True)
// and string indices are code points. Never imported by production code.

export interface BratTextBound {
  id: string;
  type: string;
  spans: Array<[number, number]>;
  text: string;
}

export interface BratRelation {
  id: string;
  type: string;
  args: Array<[string, string]>;
}

export interface BratReading {
  textBounds: BratTextBound[];
  relations: BratRelation[];
  attributes: Array<{ type: string; target: string; value: string }>;
  /** AnnotatorNotes and other comments: type, target, text. */
  comments: Array<{ type: string; target: string; text: string }>;
  /** Lines brat could not parse (its failed_lines), with brat's reason. */
  failed: string[];
  /** verify_annotations.py's complaints. */
  issues: string[];
}

const SPLITLINES = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** Python's str.splitlines(keepends=True). */
export function pySplitlinesKeepends(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(SPLITLINES)) {
    out.push(text.slice(last, m.index + m[0].length));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const isPySpace = (c: string): boolean => /^\s$/u.test(c) || /[\x1c-\x1f\x85]/.test(c);

interface Conf {
  entities: Set<string>;
  attributes: Map<string, { args: string[]; values: Set<string> | null }>;
  /** Relation type → its Arg1 and Arg2 types (each "|"-separated alternative); several lines may declare one type. */
  relations: Map<string, Array<{ arg1: string[]; arg2: string[]; names: [string, string] }>>;
}

/** The [entities] and [attributes] sections of annotation.conf, as projectconfig.py splits them. */
export function readAnnotationConf(conf: string): Conf {
  const entities = new Set<string>();
  const attributes = new Map<string, { args: string[]; values: Set<string> | null }>();
  const relations = new Map<string, Array<{ arg1: string[]; arg2: string[]; names: [string, string] }>>();
  let section = 'general';
  for (const line of conf.split('\n')) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const m = /^(\s*)(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m) throw new Error(`brat: error parsing config line ${JSON.stringify(line)}`);
    const terms = m[2].split('|').map((t) => t.trim()).filter(Boolean);
    const args = (m[3] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    for (const a of args) for (const macro of a.match(/<.*?>/g) ?? []) if (!['<ENTITY>', '<ANY>', '<OVL-TYPE>', '<REL-TYPE>', '<EVENT>', '<RELATION>'].includes(macro)) throw new Error(`brat: undefined macro ${macro}`);
    if (section === 'entities') terms.forEach((t) => entities.add(t));
    if (section === 'attributes') {
      const value = args.find((a) => a.startsWith('Value:'));
      attributes.set(terms[0], { args: args.filter((a) => a.startsWith('Arg:')).flatMap((a) => a.slice(4).split('|')), values: value ? new Set(value.slice(6).split('|')) : null });
    }
    if (section === 'relations') {
      const roles = args.filter((a) => !a.startsWith('<')).map((a) => a.split(':'));
      if (roles.length < 2) continue;
      for (const t of terms) {
        const list = relations.get(t) ?? [];
        list.push({ names: [roles[0][0], roles[1][0]], arg1: roles[0][1].split('|'), arg2: roles[1][1].split('|') });
        relations.set(t, list);
      }
    }
  }
  return { entities, attributes, relations };
}

/** Reads `ann` against the document `text` and `annotation.conf` as brat would. */
export function readAsBrat(ann: string, text: string, conf: string): BratReading {
  const doc = Array.from(text);
  const config = readAnnotationConf(conf);
  const textBounds: BratTextBound[] = [];
  const failed: string[] = [];
  const issues: string[] = [];
  const ids = new Set<string>();
  const attributes: Array<{ type: string; target: string; value: string }> = [];
  const relations: BratRelation[] = [];
  const comments: Array<{ type: string; target: string; text: string }> = [];
  pySplitlinesKeepends(ann).forEach((line, n) => {
    const fail = (why: string) => failed.push(`line ${n + 1}: ${why}`);
    const tab = line.indexOf('\t');
    if (tab < 0) return fail('no TAB after the id');
    const id = line.slice(0, tab);
    const idTail = line.slice(tab + 1);
    if (!/^([A-Za-z]+|#[A-Za-z]*)[0-9]+$/.test(id) && id !== '*') return fail(`invalid id ${JSON.stringify(id)}`);
    if (ids.has(id)) return fail(`duplicate id ${id}`);
    ids.add(id);
    const delim = idTail.indexOf('\t');
    const data = delim < 0 ? idTail : idTail.slice(0, delim);
    const dataTail = delim < 0 ? '' : idTail.slice(delim);
    if (id.startsWith('T')) {
      const space = data.indexOf(' ');
      if (space < 0) return fail('no offsets');
      const type = data.slice(0, space);
      const spans: Array<[number, number]> = [];
      for (const part of data.slice(space + 1).split(';')) {
        const [s, e, ...rest] = part.split(' ');
        const end = (e ?? '').replace(/\s+$/, '');
        if (rest.length > 0 || !/^-?\d+$/.test(s) || !/^-?\d+$/.test(end)) return fail(`cannot parse offsets ${JSON.stringify(part)}`);
        spans.push([Number(s), Number(end)]);
      }
      for (const [i, [s, e]] of spans.entries()) {
        if (s > e || s < 0 || e > doc.length) return fail(`offsets ${s} ${e} outside the text`);
        if (spans.slice(0, i).some(([os, oe]) => e >= os && s < oe)) return fail('fragments overlap');
      }
      const spanLen = spans.reduce((n2, [s, e]) => n2 + e - s, 0) + spans.length - 1;
      const tail = Array.from(dataTail);
      if (tail.length === 0 || tail.join('').trim() === '') return fail('missing text');
      if (tail[0] !== '\t') return fail('missing tab before text');
      if (spanLen > tail.length - 1) return fail('text shorter than the marked spans');
      const got = tail.slice(1, spanLen + 1).join('');
      const rest = tail.slice(spanLen + 1);
      const ref = spans.map(([s, e]) => doc.slice(s, e).join('')).join(' ');
      if (got !== ref) return fail(`text ${JSON.stringify(got)} does not match ${JSON.stringify(ref)}`);
      if (rest.length > 0 && !isPySpace(rest[0])) return fail('text not separated from the rest of the line');
      textBounds.push({ id, type, spans, text: got });
      return;
    }
    if (id.startsWith('#')) {
      const parts = data.split(/\s+/).filter(Boolean);
      if (parts.length !== 2) return fail('comment needs a type and a target');
      comments.push({ type: parts[0], target: parts[1], text: dataTail.replace(/^\t/, '').replace(/[\r\n]+$/, '') });
      return;
    }
    if (id.startsWith('R')) {
      const space = data.indexOf(' ');
      if (space < 0) return fail('a relation needs a type and arguments');
      const args = data.slice(space).split(/\s+/).filter(Boolean).map((a) => a.split(':'));
      if (args.some((a) => a.length !== 2)) return fail('cannot parse relation arguments');
      if (args.length !== 2) return fail('Error parsing relation: must have exactly two arguments');
      if (args[0][0] === args[1][0]) return fail('Error parsing relation: arguments must not be identical');
      relations.push({ id, type: data.slice(0, space), args: args as Array<[string, string]> });
      return;
    }
    if (id.startsWith('A') || id.startsWith('M')) {
      const m = /^(.+?) (.+?) (.+?)$/.exec(data.replace(/[\r\n]+$/, ''));
      if (!m) return fail('cannot parse attribute');
      attributes.push({ type: m[1], target: m[2], value: m[3] });
      return;
    }
    fail(`unsupported line ${JSON.stringify(line)}`);
  });
  const known = new Set([...textBounds.map((t) => t.id)]);
  for (const r of relations) for (const [, target] of r.args) if (!known.has(target)) failed.push(`ID ${target} not defined, referenced from annotation ${r.id}`);
  for (const a of attributes) if (!known.has(a.target)) failed.push(`ID ${a.target} not defined, referenced from an attribute`);
  for (const r of relations) {
    const [a1, a2] = r.args.map(([, target]) => textBounds.find((t) => t.id === target));
    if (!a1 || !a2) continue;
    const allowed = (config.relations.get(r.type) ?? []).some((c) => c.names[0] === r.args[0][0] && c.names[1] === r.args[1][0] && c.arg1.includes(a1.type) && c.arg2.includes(a2.type));
    if (!allowed) issues.push(`Error: ${r.type} relation ${r.args[0][0]}:${a1.type} ${r.args[1][0]}:${a2.type} not allowed`);
  }
  for (const t of textBounds) if (!config.entities.has(t.type)) issues.push(`Error: ${t.type} is not a known textbound type (check configuration?)`);
  for (const a of attributes) {
    const t = textBounds.find((x) => x.id === a.target);
    const conf = config.attributes.get(a.type);
    if (!t || !conf || !(conf.args.includes('<ENTITY>') || conf.args.includes(t.type))) issues.push(`Error: ${t?.type ?? a.target} cannot take a ${a.type} attribute`);
    else if (conf.values && !conf.values.has(a.value)) issues.push(`Error: ${a.value} is not a value of ${a.type}`);
  }
  return { textBounds, relations, attributes, comments, failed, issues };
}

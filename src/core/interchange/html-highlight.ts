// Renders a document's blocks with every claim highlighted. Text is cut at every claim and block
// boundary; each piece is wrapped in one <mark> per claim covering it, so overlapping claims
// nest correctly. Each claim keeps one underline lane along its whole length.
import type { Annotation, Block, DocumentRecord } from '../../shared/types';
import { paragraphBlocks } from './bundle-from-import';
import { escapeHtml } from './escape-html';
import { MAX_LANES } from './html-report-style';

export interface ClaimView {
  annotation: Annotation;
  number: number;
  labelIndex: number;
  badge: string;
  title: string;
}

/** `idPrefix` keeps claim anchors unique when a report holds several documents. */
export function renderArticle(document: DocumentRecord, claims: readonly ClaimView[], idPrefix = ''): string {
  const blocks = document.blocks.length > 0 ? [...document.blocks].sort((a, b) => a.start - b.start) : paragraphBlocks(document.text);
  const lanes = assignLanes(claims);
  const byStart = [...claims].sort((a, b) => a.annotation.start - b.annotation.start);
  const cuts = [...new Set([...claims.flatMap((c) => [c.annotation.start, c.annotation.end]), ...blocks.flatMap((b) => [b.start, b.end])])].sort((a, b) => a - b);

  let next = 0;
  let cut = 0;
  let active: ClaimView[] = [];
  const shown = new Set<ClaimView>();
  const renderBlockText = (block: Block): string => {
    let html = '';
    for (let pos = block.start; pos < block.end; ) {
      while (next < byStart.length && byStart[next].annotation.start <= pos) active.push(byStart[next++]);
      active = active.filter((c) => c.annotation.end > pos);
      while (cut < cuts.length && cuts[cut] <= pos) cut++;
      const end = Math.min(block.end, cut < cuts.length ? cuts[cut] : block.end);
      html += renderPiece(document.text.slice(pos, end), active, lanes, shown, idPrefix);
      pos = end;
    }
    return html;
  };

  const out: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block.kind === 'list-item') {
      const items: string[] = [];
      for (; i < blocks.length && blocks[i].kind === 'list-item'; i++) {
        const level = Math.min(6, Math.max(1, blocks[i].level ?? 1));
        items.push(`<li dir="auto" class="v${level}">${renderBlockText(blocks[i])}</li>`);
      }
      i--;
      out.push(`<ul>\n${items.join('\n')}\n</ul>`);
    } else if (block.kind === 'heading') {
      const h = Math.min(6, Math.max(1, block.level ?? 1) + 2);
      out.push(`<h${h} dir="auto">${renderBlockText(block)}</h${h}>`);
    } else if (block.kind === 'quote') {
      out.push(`<blockquote dir="auto">${renderBlockText(block)}</blockquote>`);
    } else {
      out.push(`<p dir="auto">${renderBlockText(block)}</p>`);
    }
  }
  return out.join('\n');
}

function renderPiece(text: string, active: readonly ClaimView[], lanes: Map<ClaimView, number>, shown: Set<ClaimView>, idPrefix: string): string {
  const body = escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
  if (active.length === 0) return body;
  // Outer marks get the lower (further) underline lanes.
  const ordered = [...active].sort((a, b) => (lanes.get(b) ?? 0) - (lanes.get(a) ?? 0) || a.number - b.number);
  let open = '';
  for (const c of ordered) {
    const first = !shown.has(c);
    shown.add(c);
    const lane = Math.min(MAX_LANES - 1, lanes.get(c) ?? 0);
    const id = first ? ` id="${escapeHtml(idPrefix)}claim-${c.number}"` : '';
    // The claim's number (as in the claims table) and its label letter; dir="ltr" keeps the marker
    // out of a dir="auto" paragraph's direction, so an RTL paragraph that opens with a claim stays RTL.
    const badge = first ? `<span class="marker b${c.labelIndex}" dir="ltr">${c.number}<span class="ml">${escapeHtml(c.badge)}</span></span>` : '';
    open += `<mark class="c l${c.labelIndex} k${lane}"${id} title="${escapeHtml(c.title)}">${badge}`;
  }
  return `${open}${body}${'</mark>'.repeat(ordered.length)}`;
}

/** Greedy interval colouring: each claim gets the lowest lane free over its whole span. */
function assignLanes(claims: readonly ClaimView[]): Map<ClaimView, number> {
  const lanes = new Map<ClaimView, number>();
  const laneEnds: number[] = [];
  const sorted = [...claims].sort((a, b) => a.annotation.start - b.annotation.start || b.annotation.end - a.annotation.end);
  for (const c of sorted) {
    let lane = laneEnds.findIndex((end) => end <= c.annotation.start);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = c.annotation.end;
    lanes.set(c, lane);
  }
  return lanes;
}

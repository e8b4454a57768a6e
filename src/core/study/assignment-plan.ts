// Who annotates which document: every document goes to one analyst in turn (the least loaded,
// so the load stays even), and a share of the documents, spread evenly through the list, to a second analyst
// as well (the least loaded other analyst), which is what agreement is measured on.

import { AppFailure } from '../../shared/result';

export interface Assignment {
  documentId: string;
  annotatorId: string;
}

export function checkDoubleShare(doubleShare: number): void {
  if (!(doubleShare >= 0 && doubleShare <= 1)) {
    throw new AppFailure({ code: 'invalid-input', message: `The share double-annotated must be between 0 and 1 (e.g. 0.2 for 20 %); got ${doubleShare}.` });
  }
}

export function planAssignments(documentIds: readonly string[], analystIds: readonly string[], doubleShare: number): Assignment[] {
  checkDoubleShare(doubleShare);
  if (analystIds.length === 0) throw new AppFailure({ code: 'invalid-input', message: 'A study needs at least one analyst to assign documents to.' });
  if (doubleShare > 0 && analystIds.length < 2) {
    throw new AppFailure({ code: 'invalid-input', message: 'Double annotation needs at least two analysts in the study.' });
  }
  const n = documentIds.length;
  const doubles = Math.round(doubleShare * n);
  const out: Assignment[] = [];
  const load = new Array<number>(analystIds.length).fill(0);
  documentIds.forEach((documentId, i) => {
    // the least loaded analyst, starting the search at the one whose turn it is
    let first = -1;
    for (let step = 0; step < analystIds.length; step++) {
      const k = (i + step) % analystIds.length;
      if (first < 0 || load[k] < load[first]) first = k;
    }
    out.push({ documentId, annotatorId: analystIds[first] });
    load[first]++;
    // document i is double-annotated when the running count of doubles steps up here (Bresenham)
    if (Math.floor(((i + 1) * doubles) / n) > Math.floor((i * doubles) / n)) {
      // the least loaded other analyst, the next in turn on a tie
      let other = -1;
      for (let step = 1; step < analystIds.length; step++) {
        const k = (first + step) % analystIds.length;
        if (other < 0 || load[k] < load[other]) other = k;
      }
      out.push({ documentId, annotatorId: analystIds[other] });
      load[other]++;
    }
  });
  return out;
}

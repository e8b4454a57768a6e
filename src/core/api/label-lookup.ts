import { AppFailure } from '../../shared/result';
import type { Label } from '../../shared/types';
import type { Library } from '../store/library';

/** A label annotations may be given now: it exists and is not archived. */
export function requireUsableLabel(library: Library, labelId: string): Label {
  const label = library.labels.find(labelId);
  if (!label) throw new AppFailure({ code: 'not-found', message: `There is no label "${labelId}" in this tag set.` });
  if (label.archived) throw new AppFailure({ code: 'conflict', message: `The label "${label.name}" is archived.` });
  return label;
}

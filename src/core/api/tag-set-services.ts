import type { ApiServices } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { Library } from '../store/library';
import type { HostPorts } from './host-ports';

type TagSetServices = Pick<ApiServices, 'saveLabel' | 'archiveLabel' | 'mergeLabel' | 'deleteLabel' | 'exportTagSet' | 'importTagSet'>;

const notYet = (): never => {
  throw new AppFailure({ code: 'unsupported', message: 'Editing the tag set is not available yet.' });
};

/** Tag-set management (being built). */
export function createTagSetServices(_library: Library, _ports: HostPorts): TagSetServices {
  return { saveLabel: notYet, archiveLabel: notYet, mergeLabel: notYet, deleteLabel: notYet, exportTagSet: notYet, importTagSet: notYet };
}

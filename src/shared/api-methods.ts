// The names of the contract's calls, without the schemas, so the preload stays small.
// contract.ts proves at compile time that this list and the contract agree.

export const API_METHODS = [
  'getStartupState',
  'setAnnotatorName',
  'listDocuments',
  'listDocumentPage',
  'getDocument',
  'rememberOpenDocument',
  'listLabels',
  'listAnnotators',
  'saveLabel',
  'archiveLabel',
  'mergeLabel',
  'deleteLabel',
  'exportTagSet',
  'importTagSet',
  'setDocumentDone',
  'listAnnotations',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'renameDocument',
  'deleteDocument',
  'searchDocuments',
  'chooseImportFiles',
  'importChosenFile',
  'importFileData',
  'importClipboard',
  'exportDocuments',
  'cancelExport',
  'getRecoveryOptions',
  'recoverLibrary',
  'compareDocument',
  'adjudicate',
  'autoMerge',
  // studies (issue 19)
  'listStudies',
  'getStudyReport',
  'nextStudyDocument',
  'nextUnsettledInStudy',
  'createStudy',
  'assignStudy',
  'exportStudyDiagnosis',
  'copyAnnotationToMine',
  'documentLayers',
  'getBlindMode',
  'setBlindMode',
  'getTeamStatus',
  'joinTeam',
  'syncTeam',
  'takeLibraryNotices',
  // claims with structure (#20)
  'linkClaim',
  'unlinkClaim',
  'listRelations',
  'setAnnotationAttributes',
  'getClaimReviewDesk',
  'setClaimReviewDesk',
  // scale (#14)
  'cancelJob',
] as const;

export type ApiMethodName = (typeof API_METHODS)[number];

/** The IPC channel for a method; only main and the preload use it. */
export const channelFor = (method: ApiMethodName): string => `claimtag:${method}`;

/** Commands the application menu sends to the page (declared in the command table); the page owns what they do. */
export { MENU_COMMANDS, type MenuCommand } from './commands';

/** The one channel main uses to send menu commands to the page. */
export const MENU_CHANNEL = 'claimtag:menu';

/** The one channel main uses to send long-job events (src/shared/jobs.ts) to the page. */
export const JOB_CHANNEL = 'claimtag:job';

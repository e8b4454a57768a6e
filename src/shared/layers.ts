// Whose work is in a document: the current analyst's layer, colleagues' layers and the
// reference version. Only the current analyst's layer is hers to change.

export type LayerKind = 'mine' | 'colleague' | 'reference';

export interface Layer {
  annotatorId: string;
  name: string;
  kind: LayerKind;
  /** Live annotations in this layer. */
  count: number;
}

export interface BlindState {
  /** Blind for every document in the library. */
  library: boolean;
  /** Documents marked blind one by one. */
  documentIds: string[];
}

export interface DocumentLayers {
  documentId: string;
  /** Why this document is blind, or null when it is not. */
  blind: 'document' | 'library' | null;
  /** The current analyst has marked this document done. */
  doneByMe: boolean;
  /** Other layers are withheld now: the document is blind and not yet done by the current analyst. */
  hidden: boolean;
  /** The layers present; when `hidden`, only the current analyst's. */
  layers: Layer[];
  /** How many other layers are withheld by blind mode. */
  hiddenLayers: number;
}

/** "Bilal's", or "the reference version's", for messages that name a layer's owner. */
export const ownerPhrase = (kind: LayerKind, name: string): string => (kind === 'reference' ? 'the reference version' : name);

import { $getRoot, type EditorState, type LexicalEditor } from 'lexical';

const BLOCKED_EVENTS = ['beforeinput', 'paste', 'cut', 'drop', 'dragstart'] as const;

export interface TextGuard {
  /** Runs `change` (a synchronous, discrete editor update) as a legitimate change of the text. */
  allow(change: () => void): void;
  dispose(): void;
}

/**
 * The article's text is immutable: typing, pasting, cutting and dropping are stopped
 * before Lexical sees them, while selection, caret movement and copy work normally.
 * As a last line (IME composition cannot be cancelled), any change to the text that
 * still gets through is reverted to the last accepted state. The only accepted changes
 * are the app's own (building the rest of a long article), made through `allow`.
 */
export function guardTextFromEdits(editor: LexicalEditor, wrapper: HTMLElement): TextGuard {
  const block = (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
  };
  for (const type of BLOCKED_EVENTS) wrapper.addEventListener(type, block, true);
  let pristine: EditorState = editor.getEditorState();
  let expected = pristine.read(() => $getRoot().getTextContent());
  let allowing = false;
  const unregister = editor.registerTextContentListener((text) => {
    if (allowing) {
      pristine = editor.getEditorState();
      expected = text;
    } else if (text !== expected) editor.setEditorState(pristine);
  });
  return {
    allow(change) {
      allowing = true;
      try {
        change();
      } finally {
        allowing = false;
      }
    },
    dispose() {
      for (const type of BLOCKED_EVENTS) wrapper.removeEventListener(type, block, true);
      unregister();
    },
  };
}

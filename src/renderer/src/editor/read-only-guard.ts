import { $getRoot, type LexicalEditor } from 'lexical';

const BLOCKED_EVENTS = ['beforeinput', 'paste', 'cut', 'drop', 'dragstart'] as const;

/**
 * The article's text is immutable: typing, pasting, cutting and dropping are stopped
 * before Lexical sees them, while selection, caret movement and copy work normally.
 * As a last line (IME composition cannot be cancelled), any change to the text that
 * still gets through is reverted to the document's own state.
 */
export function guardTextFromEdits(editor: LexicalEditor, wrapper: HTMLElement): () => void {
  const block = (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
  };
  for (const type of BLOCKED_EVENTS) wrapper.addEventListener(type, block, true);
  const pristine = editor.getEditorState();
  const expected = pristine.read(() => $getRoot().getTextContent());
  const unregister = editor.registerTextContentListener((text) => {
    if (text !== expected) editor.setEditorState(pristine);
  });
  return () => {
    for (const type of BLOCKED_EVENTS) wrapper.removeEventListener(type, block, true);
    unregister();
  };
}

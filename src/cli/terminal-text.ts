// Text from a library or a file reaches the analyst's terminal: a title carrying ESC, CSI or
// OSC sequences (OSC 52 writes the clipboard; others retitle the window, move the cursor or
// hide lines) must be shown, never obeyed. Every byte of CLI output passes through here.

/**
 * C0 controls, DEL, C1 controls (U+009B is an 8-bit CSI), bidirectional overrides and
 * isolates (which reorder what the analyst reads) and the Unicode line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_OR_LINE_BREAK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b` for ESC: the form JSON uses, so a JSON output stays valid JSON with the same value. */
const escapeOne = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** For a whole block of output: controls escaped, its own newlines and tabs kept. */
export const terminalSafe = (text: string): string => text.replace(CONTROL, escapeOne);

/** For one value inside a line (a title, a name): line breaks escaped too, so it cannot forge lines. */
export const oneLine = (value: string): string => value.replace(CONTROL_OR_LINE_BREAK, escapeOne);

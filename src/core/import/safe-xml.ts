// Streaming XML reading for Office parts with no DTD processing at all: saxes never
// resolves entities beyond the five predefined ones, and any DOCTYPE (where entity
// declarations such as "billion laughs" live) is refused outright.
import { SaxesParser } from 'saxes';
import { AppFailure } from '../../shared/result';

export interface XmlElement {
  local: string;
  uri: string;
  /** Attribute value by local name (namespace ignored: Office attributes are unambiguous). */
  attr(local: string): string | undefined;
}

export interface XmlHandlers {
  open?(element: XmlElement): void;
  close?(local: string, uri: string): void;
  text?(text: string): void;
}

const damaged = (part: string, detail: string): AppFailure =>
  new AppFailure({ code: 'invalid-input', message: 'This Word document is damaged or incomplete and cannot be read.', details: [`${part}: ${detail}`] });

const CHUNK_BYTES = 1024 * 1024;

/** Decodes in 1 MiB chunks so a large part never becomes one giant string. */
function* decodeChunks(bytes: Uint8Array, part: string): Generator<string> {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      yield decoder.decode(bytes.subarray(at, at + CHUNK_BYTES), { stream: true });
    }
    yield decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) throw damaged(part, `not valid ${encoding}`);
    throw error;
  }
}

/** Calls onProgress with the bytes parsed so far after every PROGRESS_BYTES. */
const PROGRESS_BYTES = 16 * CHUNK_BYTES;

type Scope = ReadonlyMap<string, string>;

function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/**
 * Namespaces are resolved here rather than by saxes (xmlns: true is about half as fast):
 * a scope stack that only copies when an element declares a namespace, which in Office
 * files happens almost only on the root element.
 */
export function walkXml(xml: Uint8Array, part: string, handlers: XmlHandlers, onProgress?: (bytesParsed: number) => void): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: AppFailure | undefined;
  const scopes: Scope[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  const uris: string[] = [];
  parser.on('doctype', () => {
    failure ??= new AppFailure({
      code: 'unsupported',
      message: 'This Word document contains a DOCTYPE declaration, which Word never writes; it was not opened for safety.',
      details: [part],
    });
    throw failure;
  });
  parser.on('error', (error) => {
    failure ??= damaged(part, error.message);
    throw failure;
  });
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes;
    let scope = scopes[scopes.length - 1] as Scope;
    for (const key in attributes) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        const declared = new Map(scope);
        for (const name in attributes) {
          if (name === 'xmlns') declared.set('', attributes[name] ?? '');
          else if (name.startsWith('xmlns:')) declared.set(name.slice(6), attributes[name] ?? '');
        }
        scope = declared;
        break;
      }
    }
    scopes.push(scope);
    const [prefix, local] = splitName(tag.name);
    const uri = scope.get(prefix) ?? '';
    uris.push(uri);
    handlers.open?.({
      local,
      uri,
      attr: (wanted) => {
        for (const key in attributes) {
          if (key === wanted || key.endsWith(`:${wanted}`)) return attributes[key];
        }
        return undefined;
      },
    });
  });
  parser.on('closetag', (tag) => {
    scopes.pop();
    const uri = uris.pop() ?? '';
    handlers.close?.(splitName(tag.name)[1], uri);
  });
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  try {
    let chunks = 0;
    for (const chunk of decodeChunks(xml, part)) {
      parser.write(chunk);
      chunks++;
      if (onProgress !== undefined && (chunks * CHUNK_BYTES) % PROGRESS_BYTES === 0) onProgress(Math.min(xml.length, chunks * CHUNK_BYTES));
    }
    parser.close();
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw failure ?? damaged(part, (error as Error).message);
  }
}

// Streaming XML reading for Office parts with no DTD processing at all: saxes never
// resolves entities beyond the five predefined ones, and any DOCTYPE (where entity
// declarations such as "billion laughs" live) is refused outright.
import { SaxesParser, type SaxesTagNS } from 'saxes';
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

export function decodeXmlBytes(bytes: Uint8Array, part: string): string {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw damaged(part, `not valid ${encoding}`);
  }
}

export function walkXml(xml: string, part: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let failure: AppFailure | undefined;
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
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes = tag.attributes;
    handlers.open?.({
      local: tag.local,
      uri: tag.uri,
      attr: (local) => {
        for (const key in attributes) {
          const attribute = attributes[key];
          if (attribute !== undefined && attribute.local === local) return attribute.value;
        }
        return undefined;
      },
    });
  });
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTagNS) => close(tag.local, tag.uri));
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw failure ?? damaged(part, (error as Error).message);
  }
}

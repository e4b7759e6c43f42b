import { XMLValidator } from 'fast-xml-parser';
import { InspectError } from './errors';

/** An element with namespace prefixes removed: OVF files use every prefix under the sun for the same names. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * Bytes → string. UTF-8 unless a BOM or the XML declaration says otherwise; invalid bytes are refused
 * rather than silently replaced, so a corrupted descriptor never yields half-right metadata.
 */
export function decodeXmlBytes(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const b = input;
  let label = 'utf-8';
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
  else if (b[0] === 0xff && b[1] === 0xfe) [label, start] = ['utf-16le', 2];
  else if (b[0] === 0xfe && b[1] === 0xff) [label, start] = ['utf-16be', 2];
  else {
    const head = new TextDecoder('latin1').decode(b.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) label = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new InspectError('XML_ENCODING', `the OVF descriptor declares the unsupported encoding "${label}".`);
  }
  try {
    return decoder.decode(b.subarray(start));
  } catch {
    throw new InspectError('XML_ENCODING', `the OVF descriptor is not valid ${label.toUpperCase()} text.`);
  }
}

/**
 * Refuses any markup declaration (<!DOCTYPE, <!ENTITY, <!ELEMENT…) outside comments and CDATA before a parser
 * sees the text: that is where XXE and billion-laughs payloads live, and no OVF tool writes one.
 */
export function refuseDeclarations(xml: string): void {
  let i = 0;
  for (;;) {
    const at = xml.indexOf('<!', i);
    if (at < 0) return;
    if (xml.startsWith('<!--', at)) {
      const end = xml.indexOf('-->', at + 4);
      if (end < 0) throw new InspectError('XML_INVALID', 'the OVF descriptor has a comment that is never closed.');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', at)) {
      const end = xml.indexOf(']]>', at + 9);
      if (end < 0) throw new InspectError('XML_INVALID', 'the OVF descriptor has a CDATA section that is never closed.');
      i = end + 3;
    } else {
      const what = /^<!\s*([A-Za-z]*)/.exec(xml.slice(at, at + 20))?.[1]?.toUpperCase() || 'markup';
      throw new InspectError(
        'XML_DOCTYPE',
        `the OVF descriptor contains a <!${what}> declaration; DTDs and entities are refused because they can read files or expand without bound.`,
      );
    }
  }
}

function countElements(xml: string, max: number): void {
  let count = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    const c = xml.charCodeAt(i + 1);
    // Opening tags only: a letter, '_' or ':' (or any non-ASCII name start).
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127) {
      if (++count > max) {
        throw new InspectError('XML_TOO_COMPLEX', `the OVF descriptor has more than ${max} elements.`);
      }
    }
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references, in one pass: nothing here can expand recursively. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

const MAX_DEPTH = 100;

/** Strips the namespace prefix of an element name, up to the first colon. */
function localTagName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Attribute names lose a single prefix; `xmlns` and `xmlns:*` declarations are dropped. */
function localAttrName(name: string): string {
  const parts = name.split(':');
  if (parts[0] === 'xmlns') return '';
  return parts.length === 2 ? parts[1] : name;
}

const ATTRIBUTE = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/g;

function readAttributes(source: string, into: Record<string, string>): void {
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = localAttrName(match[1]);
    const value = match[3] ?? match[4];
    if (name && value !== undefined) into[name] = decodeEntities(value.trim());
  }
}

/** Index of the `>` that ends the tag starting at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  throw new InspectError('XML_INVALID', 'the OVF descriptor has a tag that is never closed.');
}

interface OpenElement {
  el: XmlElement;
  texts: string[];
}

/**
 * Builds the element tree from a document XMLValidator has accepted, in one pass over the string with
 * indexOf and slices: memory is the input plus the tree, whatever the shape of the document (a general
 * parser that appends text character by character needed ~37 bytes per byte of one long text node).
 * Text nodes are trimmed and joined with newlines, CDATA is kept as written, comments and processing
 * instructions are skipped, entities are decoded once (five predefined plus character references).
 */
function buildTree(input: string): XmlElement {
  const xml = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  // Text of the current element since its last child or CDATA; comments do not split it.
  let pending: string[] = [];

  const flushText = () => {
    const top = stack[stack.length - 1];
    if (top && pending.length) {
      const text = (pending.length === 1 ? pending[0] : pending.join('')).trim();
      if (text) top.texts.push(decodeEntities(text));
    }
    pending = [];
  };
  const close = () => {
    const top = stack.pop();
    if (top) top.el.text = top.texts.join('\n').trim();
  };

  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (lt > i && stack.length) pending.push(xml.slice(i, lt));
    const next = xml.charCodeAt(lt + 1);
    if (next === 47) {
      // </name>
      flushText();
      close();
      i = xml.indexOf('>', lt) + 1;
    } else if (next === 63) {
      // <? … ?>
      flushText();
      const end = xml.indexOf('?>', lt + 2);
      i = end < 0 ? xml.length : end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      flushText();
      const end = xml.indexOf(']]>', lt + 9);
      const stop = end < 0 ? xml.length : end;
      stack[stack.length - 1]?.texts.push(xml.slice(lt + 9, stop));
      i = stop + 3;
    } else {
      flushText();
      const end = tagEnd(xml, lt + 1);
      let body = xml.slice(lt + 1, end);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const space = body.search(/\s/);
      const name = localTagName(space < 0 ? body : body.slice(0, space));
      const el: XmlElement = { name, attrs: Object.create(null) as Record<string, string>, children: [], text: '' };
      if (space >= 0) readAttributes(body.slice(space + 1), el.attrs);
      const parent = stack[stack.length - 1];
      if (parent) parent.el.children.push(el);
      else root ??= el;
      if (!selfClosing) {
        if (stack.length > MAX_DEPTH) {
          throw new InspectError('XML_TOO_COMPLEX', `the OVF descriptor nests elements more than ${MAX_DEPTH} levels deep.`);
        }
        stack.push({ el, texts: [] });
      }
      i = end + 1;
    }
  }
  while (stack.length) close();
  if (!root) throw new InspectError('XML_INVALID', 'the OVF descriptor has no root element.');
  return root;
}

/** Validates, then parses to a prefix-free element tree. Throws InspectError on anything it refuses. */
export function parseXmlTree(xml: string, maxElements: number): XmlElement {
  refuseDeclarations(xml);
  countElements(xml, maxElements);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new InspectError('XML_INVALID', `the OVF descriptor is not well-formed XML (line ${line}, column ${col}: ${msg})`);
  }
  return buildTree(xml);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function firstChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const text = firstChild(el, name)?.text;
  return text ? text : undefined;
}

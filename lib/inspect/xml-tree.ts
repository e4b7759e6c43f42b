import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InspectError } from './errors';

/** An element with namespace prefixes removed: OVF files use every prefix under the sun for the same names. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const CDATA_KEY = '__cdata';
const TEXT_KEY = '#text';
const ATTRS_KEY = ':@';

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

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: CDATA_KEY,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 100,
});

type OrderedNode = Record<string, unknown>;

function isRecord(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toElement(name: string, body: unknown, attrs: unknown): XmlElement {
  const el: XmlElement = { name, attrs: Object.create(null) as Record<string, string>, children: [], text: '' };
  if (isRecord(attrs)) {
    for (const [key, value] of Object.entries(attrs)) {
      if (typeof value === 'string') el.attrs[key] = decodeEntities(value);
    }
  }
  const texts: string[] = [];
  if (Array.isArray(body)) {
    for (const node of body) {
      if (!isRecord(node)) continue;
      for (const [key, value] of Object.entries(node)) {
        if (key === ATTRS_KEY) continue;
        if (key === TEXT_KEY) texts.push(decodeEntities(String(value)));
        else if (key === CDATA_KEY) {
          if (Array.isArray(value)) for (const c of value) if (isRecord(c)) texts.push(String(c[TEXT_KEY] ?? ''));
        } else el.children.push(toElement(key, value, node[ATTRS_KEY]));
      }
    }
  }
  el.text = texts.join('\n').trim();
  return el;
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
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/nested/i.test(message)) {
      throw new InspectError('XML_TOO_COMPLEX', 'the OVF descriptor nests elements more than 100 levels deep.');
    }
    throw new InspectError('XML_INVALID', `the OVF descriptor could not be parsed: ${message}`);
  }
  if (Array.isArray(doc)) {
    for (const node of doc) {
      if (!isRecord(node)) continue;
      for (const [key, value] of Object.entries(node)) {
        if (key !== ATTRS_KEY && key !== TEXT_KEY && key !== CDATA_KEY) return toElement(key, value, node[ATTRS_KEY]);
      }
    }
  }
  throw new InspectError('XML_INVALID', 'the OVF descriptor has no root element.');
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

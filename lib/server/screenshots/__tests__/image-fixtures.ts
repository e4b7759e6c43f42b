// Real images made by sharp, and hostile variants of them, for the screenshot tests.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export async function png(width = 320, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 200 } } }).png().toBuffer();
}
export async function jpeg(width = 320, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 30 } } }).jpeg().toBuffer();
}
export async function webp(width = 320, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 160, b: 60 } } }).webp().toBuffer();
}
export async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } }).gif().toBuffer();
}

export const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>');
export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/v1/uploads").then(r=>r.text()).then(alert)</script></body></html>');

/** A PNG chunk with a correct CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid PNG carrying a tEXt chunk (inserted before IEND). */
export function pngWithText(image: Buffer, text: string): Buffer {
  const iend = image.length - 12;
  return Buffer.concat([image.subarray(0, iend), chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')), image.subarray(iend)]);
}

/** A JPEG with a segment inserted right after SOI. */
export function jpegWithSegment(image: Buffer, marker: number, payload: Buffer): Buffer {
  const seg = Buffer.alloc(4);
  seg[0] = 0xff;
  seg[1] = marker;
  seg.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([image.subarray(0, 2), seg, payload, image.subarray(2)]);
}

export const XMP = Buffer.concat([
  Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'),
  Buffer.from('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Screenshot tool"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'),
]);

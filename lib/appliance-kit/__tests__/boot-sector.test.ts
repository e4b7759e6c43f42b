import { describe, expect, it } from 'vitest';
import { makeBootSector, MAX_BOOT_MESSAGE_LENGTH } from '../boot-sector';

/**
 * `nasm -f bin` output for the same program (source in the comments of boot-sector.ts) with the
 * message "Hello from the appliance": the hand-assembled bytes must not drift from it.
 */
const NASM_PROGRAM_HEX =
  'fa31c08ed88ec08ed0bc007cfbfcbaf90330c0eebafb03b080eebaf803b001eebaf90330c0eebafb03b003eebafa03b0c7eebafc03b003ee' +
  'be6c7cac84c0741788c3bafd03b9ffffeca8207502e2f9baf80388d8eeebe4be6c7cac84c07409b40ebb0700cd10ebf2faf4ebfd';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('makeBootSector', () => {
  it('is the nasm-assembled program followed by the message, CR LF, NUL and the 55AA signature', () => {
    const message = 'Hello from the appliance';
    const sector = makeBootSector(message);
    expect(sector.length).toBe(512);
    const programLength = NASM_PROGRAM_HEX.length / 2;
    expect(hex(sector.subarray(0, programLength))).toBe(NASM_PROGRAM_HEX);
    const tail = Buffer.from(sector.subarray(programLength, programLength + message.length + 3)).toString('latin1');
    expect(tail).toBe(`${message}\r\n\0`);
    expect(sector.subarray(programLength + message.length + 3, 510).every((b) => b === 0)).toBe(true);
    expect([sector[510], sector[511]]).toEqual([0x55, 0xaa]);
  });

  it('leaves the disk signature and partition table (bytes 440-509) zero even for the longest message', () => {
    const sector = makeBootSector('x'.repeat(MAX_BOOT_MESSAGE_LENGTH));
    expect(sector.subarray(440, 510).every((b) => b === 0)).toBe(true);
    expect(sector[439]).toBe(0); // the NUL terminator is the last byte of code + message
  });

  it('is deterministic', () => {
    expect(hex(makeBootSector('same'))).toBe(hex(makeBootSector('same')));
  });

  it.each([
    ['an empty message', '', /non-empty/],
    ['a newline', 'two\nlines', /printable ASCII/],
    ['a NUL', 'a\0b', /printable ASCII/],
    ['non-ASCII text', 'héllo', /printable ASCII/],
    ['a message one character too long', 'x'.repeat(MAX_BOOT_MESSAGE_LENGTH + 1), /at most \d+ fit/],
  ])('refuses %s with a clear error', (_what, message, error) => {
    expect(() => makeBootSector(message)).toThrow(error);
  });

  it('refuses a non-string message', () => {
    expect(() => makeBootSector(42 as unknown as string)).toThrow(/non-empty string/);
  });
});

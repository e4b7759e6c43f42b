import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBootSector, MAX_BOOT_MESSAGE_LENGTH, MAX_ECHO_BOOT_MESSAGE_LENGTH } from '@/lib/core/appliance-kit/boot-sector';

/**
 * The same program as nasm source: `nasm -f bin` assembles it in the test, and the hand-assembled
 * bytes must not drift from what nasm makes (message "Hello from the appliance").
 */
const NASM_SOURCE = `bits 16
org 0x7c00
  cli
  xor ax, ax
  mov ds, ax
  mov es, ax
  mov ss, ax
  mov sp, 0x7c00
  cld
  mov dx, 0x3f9
  xor al, al
  out dx, al
  mov dx, 0x3fb
  mov al, 0x80
  out dx, al
  mov dx, 0x3f8
  mov al, 0x01
  out dx, al
  mov dx, 0x3f9
  xor al, al
  out dx, al
  mov dx, 0x3fb
  mov al, 0x03
  out dx, al
  mov dx, 0x3fa
  mov al, 0xc7
  out dx, al
  mov dx, 0x3fc
  mov al, 0x03
  out dx, al
  mov si, msg
serial_next:
  lodsb
  test al, al
  jz serial_done
  mov bl, al
  mov dx, 0x3fd
  mov cx, 0xffff
wait_thr:
  in al, dx
  test al, 0x20
  jnz ready
  loop wait_thr
ready:
  mov dx, 0x3f8
  mov al, bl
  out dx, al
  jmp short serial_next
serial_done:
  mov si, msg
bios_next:
  lodsb
  test al, al
  jz done
  mov ah, 0x0e
  mov bx, 0x0007
  int 0x10
  jmp short bios_next
done:
  cli
halt:
  hlt
  jmp short halt
msg:
`;

/** The echo variant: the same up to `done:`, then the echo loop instead of the halt. */
const NASM_ECHO_SOURCE = NASM_SOURCE.replace(
  /\ndone:\n[\s\S]*$/,
  `
done:
  sti
idle:
  hlt
poll:
  mov dx, 0x3fd
  in al, dx
  test al, 1
  jz kbd
  mov dx, 0x3f8
  in al, dx
  out dx, al
  cmp al, 0x0d
  jnz poll
  mov al, 0x0a
  out dx, al
  jmp short poll
kbd:
  mov ah, 1
  int 0x16
  jz idle
  xor ah, ah
  int 0x16
  test al, al
  jz poll
  mov ah, 0x0e
  mov bx, 0x0007
  int 0x10
  cmp al, 0x0d
  jnz poll
  mov ax, 0x0e0a
  int 0x10
  jmp short poll
msg:
`,
);

function nasmProgram(source = NASM_SOURCE): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boot-asm-'));
  try {
    writeFileSync(path.join(dir, 'boot.asm'), source);
    execFileSync('nasm', ['-f', 'bin', '-o', path.join(dir, 'boot.bin'), path.join(dir, 'boot.asm')]);
    return readFileSync(path.join(dir, 'boot.bin')).toString('hex');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const NASM_PROGRAM_HEX = nasmProgram();

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

  it('with echo: the nasm-assembled echo loop follows the message output, and the longest message still fits', () => {
    const echoHex = nasmProgram(NASM_ECHO_SOURCE);
    expect(echoHex).not.toBe(NASM_PROGRAM_HEX);
    const sector = makeBootSector('Hello PC', { echo: true });
    expect(hex(sector.subarray(0, echoHex.length / 2))).toBe(echoHex);
    expect(MAX_ECHO_BOOT_MESSAGE_LENGTH).toBeLessThan(MAX_BOOT_MESSAGE_LENGTH);
    expect(makeBootSector('x'.repeat(MAX_ECHO_BOOT_MESSAGE_LENGTH), { echo: true }).subarray(440, 510).every((b) => b === 0)).toBe(true);
    expect(() => makeBootSector('x'.repeat(MAX_ECHO_BOOT_MESSAGE_LENGTH + 1), { echo: true })).toThrow(/at most \d+ fit/);
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

/**
 * A 512-byte x86 boot sector that says hello on the serial port and the screen, then halts.
 *
 * The machine code is hand-assembled below (mnemonics beside the bytes, checked once against
 * nasm) so that generating demo appliances needs no assembler at run time. The only encoding work
 * left to code is resolving labels: short jumps (rel8) and the message address (abs16).
 */

export const SECTOR_SIZE = 512;
const LOAD_ADDRESS = 0x7c00;
/** Code and message stay below the disk signature (440) and the partition table (446). */
const CODE_AND_MESSAGE_LIMIT = 440;
const COM1 = 0x3f8;

type Fixup = { at: number; label: string; kind: 'rel8' | 'abs16' };

/** Just enough of an assembler to lay out bytes and patch label references. */
class Assembler {
  readonly bytes: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly fixups: Fixup[] = [];

  /** `_mnemonic` documents the instruction; the bytes are what runs. */
  ins(_mnemonic: string, ...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  label(name: string): this {
    this.labels.set(name, this.bytes.length);
    return this;
  }

  /** A two-byte short jump or loop: opcode, signed displacement from the next instruction. */
  rel8(_mnemonic: string, opcode: number, label: string): this {
    this.bytes.push(opcode, 0);
    this.fixups.push({ at: this.bytes.length - 1, label, kind: 'rel8' });
    return this;
  }

  /** An instruction whose last two bytes are the absolute address of `label`. */
  abs16(_mnemonic: string, opcode: number, label: string): this {
    this.bytes.push(opcode, 0, 0);
    this.fixups.push({ at: this.bytes.length - 2, label, kind: 'abs16' });
    return this;
  }

  resolve(): Uint8Array {
    for (const fixup of this.fixups) {
      const target = this.labels.get(fixup.label);
      if (target === undefined) throw new Error(`boot sector: unknown label ${fixup.label}`);
      if (fixup.kind === 'rel8') {
        const displacement = target - (fixup.at + 1);
        if (displacement < -128 || displacement > 127) throw new Error(`boot sector: jump to ${fixup.label} too far`);
        this.bytes[fixup.at] = displacement & 0xff;
      } else {
        const address = LOAD_ADDRESS + target;
        this.bytes[fixup.at] = address & 0xff;
        this.bytes[fixup.at + 1] = address >> 8;
      }
    }
    return Uint8Array.from(this.bytes);
  }
}

const lo = (word: number) => word & 0xff;
const hi = (word: number) => (word >> 8) & 0xff;

/** `mov dx, port; mov al, value; out dx, al` */
function outb(a: Assembler, port: number, value: number): void {
  a.ins(`mov dx, 0x${port.toString(16)}`, 0xba, lo(port), hi(port));
  if (value === 0) a.ins('xor al, al', 0x30, 0xc0);
  else a.ins(`mov al, 0x${value.toString(16)}`, 0xb0, value);
  a.ins('out dx, al', 0xee);
}

/**
 * The program, without its message. The message (NUL-terminated) is placed right after it and
 * addressed through the `msg` label.
 */
function assembleProgram(echo = false): Assembler {
  const a = new Assembler();
  a.ins('cli', 0xfa)
    .ins('xor ax, ax', 0x31, 0xc0)
    .ins('mov ds, ax', 0x8e, 0xd8)
    .ins('mov es, ax', 0x8e, 0xc0)
    .ins('mov ss, ax', 0x8e, 0xd0)
    .ins('mov sp, 0x7c00', 0xbc, lo(LOAD_ADDRESS), hi(LOAD_ADDRESS))
    // Interrupts stay off: SeaBIOS's serial console (sercon, on with -nographic) flushes what it
    // still holds of its own screen output from the timer interrupt, which would land in the
    // middle of our line ("Booting from Hard Disk..l.\r\naunch plan …"). Polling needs none.
    .ins('cld', 0xfc);

  // COM1: interrupts off, 115200 baud (divisor 1), 8N1, FIFOs on, DTR+RTS.
  outb(a, COM1 + 1, 0x00); // IER
  outb(a, COM1 + 3, 0x80); // LCR: DLAB on
  outb(a, COM1 + 0, 0x01); // DLL
  outb(a, COM1 + 1, 0x00); // DLM
  outb(a, COM1 + 3, 0x03); // LCR: 8 data bits, no parity, 1 stop bit, DLAB off
  outb(a, COM1 + 2, 0xc7); // FCR: enable and clear FIFOs
  outb(a, COM1 + 4, 0x03); // MCR: DTR, RTS

  // Serial first, then the screen: a BIOS that mirrors int 10h to the serial port (SeaBIOS does
  // with -nographic) would otherwise interleave the two copies character by character.
  a.abs16('mov si, msg', 0xbe, 'msg')
    .label('serial_next')
    .ins('lodsb', 0xac)
    .ins('test al, al', 0x84, 0xc0)
    .rel8('jz serial_done', 0x74, 'serial_done')
    .ins('mov bl, al', 0x88, 0xc3)
    .ins('mov dx, 0x3fd', 0xba, lo(COM1 + 5), hi(COM1 + 5)) // LSR
    .ins('mov cx, 0xffff', 0xb9, 0xff, 0xff) // bounded wait: a missing UART must not hang us
    .label('wait_thr')
    .ins('in al, dx', 0xec)
    .ins('test al, 0x20', 0xa8, 0x20) // THR empty
    .rel8('jnz ready', 0x75, 'ready')
    .rel8('loop wait_thr', 0xe2, 'wait_thr')
    .label('ready')
    .ins('mov dx, 0x3f8', 0xba, lo(COM1), hi(COM1))
    .ins('mov al, bl', 0x88, 0xd8)
    .ins('out dx, al', 0xee)
    .rel8('jmp short serial_next', 0xeb, 'serial_next')
    .label('serial_done')
    .abs16('mov si, msg', 0xbe, 'msg')
    .label('bios_next')
    .ins('lodsb', 0xac)
    .ins('test al, al', 0x84, 0xc0)
    .rel8('jz done', 0x74, 'done')
    .ins('mov ah, 0x0e', 0xb4, 0x0e) // teletype output
    .ins('mov bx, 0x0007', 0xbb, 0x07, 0x00) // page 0, light grey
    .ins('int 0x10', 0xcd, 0x10)
    .rel8('jmp short bios_next', 0xeb, 'bios_next')
    .label('done');
  if (echo) assembleEcho(a);
  else a.ins('cli', 0xfa).label('halt').ins('hlt', 0xf4).rel8('jmp short halt', 0xeb, 'halt');
  a.label('msg');
  return a;
}

/**
 * After the message: echo what arrives, serial input back to the serial port and keys typed on
 * the keyboard to the screen (Enter as CR LF), sleeping in `hlt` between timer ticks. Interrupts
 * go on only now, after the line is out (see the note on SeaBIOS's serial console above).
 */
function assembleEcho(a: Assembler): void {
  a.ins('sti', 0xfb)
    .label('idle')
    .ins('hlt', 0xf4)
    .label('poll')
    .ins('mov dx, 0x3fd', 0xba, lo(COM1 + 5), hi(COM1 + 5)) // LSR
    .ins('in al, dx', 0xec)
    .ins('test al, 1', 0xa8, 0x01) // data ready
    .rel8('jz kbd', 0x74, 'kbd')
    .ins('mov dx, 0x3f8', 0xba, lo(COM1), hi(COM1))
    .ins('in al, dx', 0xec)
    .ins('out dx, al', 0xee)
    .ins('cmp al, 0x0d', 0x3c, 0x0d)
    .rel8('jnz poll', 0x75, 'poll')
    .ins('mov al, 0x0a', 0xb0, 0x0a)
    .ins('out dx, al', 0xee)
    .rel8('jmp short poll', 0xeb, 'poll')
    .label('kbd')
    .ins('mov ah, 1', 0xb4, 0x01) // a key waiting?
    .ins('int 0x16', 0xcd, 0x16)
    .rel8('jz idle', 0x74, 'idle')
    .ins('xor ah, ah', 0x30, 0xe4) // read it
    .ins('int 0x16', 0xcd, 0x16)
    .ins('test al, al', 0x84, 0xc0) // no ASCII (arrows, function keys): ignored
    .rel8('jz poll', 0x74, 'poll')
    .ins('mov ah, 0x0e', 0xb4, 0x0e)
    .ins('mov bx, 0x0007', 0xbb, 0x07, 0x00)
    .ins('int 0x10', 0xcd, 0x10)
    .ins('cmp al, 0x0d', 0x3c, 0x0d)
    .rel8('jnz poll', 0x75, 'poll')
    .ins('mov ax, 0x0e0a', 0xb8, 0x0a, 0x0e)
    .ins('int 0x10', 0xcd, 0x10)
    .rel8('jmp short poll', 0xeb, 'poll');
}

const PROGRAM_LENGTH = assembleProgram().bytes.length;
const ECHO_PROGRAM_LENGTH = assembleProgram(true).bytes.length;

/** Longest message that fits: code + message + CR LF NUL must stay below the disk signature. */
export const MAX_BOOT_MESSAGE_LENGTH = CODE_AND_MESSAGE_LIMIT - PROGRAM_LENGTH - 3;
/** The same with the echo loop (a longer program). */
export const MAX_ECHO_BOOT_MESSAGE_LENGTH = CODE_AND_MESSAGE_LIMIT - ECHO_PROGRAM_LENGTH - 3;

/** Throws unless `message` is 1..MAX_BOOT_MESSAGE_LENGTH printable ASCII characters. */
export function validateBootMessage(message: string, max = MAX_BOOT_MESSAGE_LENGTH): void {
  if (typeof message !== 'string' || message.length === 0) {
    throw new RangeError('boot message must be a non-empty string');
  }
  if (!/^[\x20-\x7e]+$/.test(message)) {
    throw new RangeError('boot message must be printable ASCII (0x20-0x7e): no control characters, no Unicode');
  }
  if (message.length > max) {
    throw new RangeError(
      `boot message is ${message.length} characters; at most ${max} fit in the boot sector`,
    );
  }
}

/**
 * A 512-byte boot sector: sets up COM1, writes `message` + CR LF to it (polling the THR-empty
 * bit), prints the same through BIOS int 10h teletype, then `cli; hlt` forever, or with `echo`
 * echoes serial input and typed keys (see assembleEcho). Bytes 440-509 (disk signature and
 * partition table) are left zero for `makeRawDisk` to fill.
 */
export function makeBootSector(message: string, { echo = false }: { echo?: boolean } = {}): Uint8Array {
  validateBootMessage(message, echo ? MAX_ECHO_BOOT_MESSAGE_LENGTH : MAX_BOOT_MESSAGE_LENGTH);
  const program = assembleProgram(echo);
  for (let i = 0; i < message.length; i++) program.bytes.push(message.charCodeAt(i));
  program.bytes.push(0x0d, 0x0a, 0x00);
  const code = program.resolve();

  const sector = new Uint8Array(SECTOR_SIZE);
  sector.set(code, 0);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

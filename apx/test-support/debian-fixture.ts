import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeOvf } from '@/lib/core/appliance-kit';

const execFileAsync = promisify(execFile);

/**
 * A bootable appliance made with Debian's tools, as a publisher would: a boot sector assembled by
 * nasm that prints `message` on COM1 (what `qemu-system-x86_64 -nographic` shows), written into a
 * raw disk, converted by qemu-img to qcow2 and to a streamOptimized VMDK, and packed by GNU tar
 * into an OVA (.ovf first, then the .mf manifest, then the disk). The .ovf comes from makeOvf.
 */

export interface DebianFixture {
  dir: string;
  message: string;
  raw: string;
  qcow2: string;
  vmdk: string;
  ova: string;
  ovaSha256: string;
  ovaSize: number;
  diskName: string;
  product: string;
  version: string;
  cpus: number;
  memoryMiB: number;
}

function bootSectorSource(message: string): string {
  if (!/^[\x20-\x7e]{1,200}$/.test(message) || message.includes("'")) throw new RangeError('message: printable ASCII without quotes');
  return `; Prints a line on the first serial port, then halts.
bits 16
org 0x7c00
start:
  cli
  xor ax, ax
  mov ds, ax
  mov ss, ax
  mov sp, 0x7c00
  cld
  mov dx, 0x3f9          ; no interrupts
  xor al, al
  out dx, al
  mov dx, 0x3fb          ; DLAB on to set the divisor
  mov al, 0x80
  out dx, al
  mov dx, 0x3f8          ; divisor 1: 115200 baud
  mov al, 1
  out dx, al
  mov dx, 0x3f9
  xor al, al
  out dx, al
  mov dx, 0x3fb          ; 8 bits, no parity, one stop bit
  mov al, 3
  out dx, al
  mov si, msg
next:
  lodsb
  test al, al
  jz done
  mov ah, al
wait_ready:
  mov dx, 0x3fd          ; line status: transmitter empty?
  in al, dx
  test al, 0x20
  jz wait_ready
  mov dx, 0x3f8
  mov al, ah
  out dx, al
  jmp next
done:
  hlt
  jmp done
msg: db '${message}', 13, 10, 0
times 510-($-$$) db 0
dw 0xaa55
`;
}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  try {
    await execFileAsync(command, args, { cwd });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

export async function makeDebianFixture(
  dir: string,
  options: { message: string; product?: string; version?: string; vendor?: string; annotation?: string; cpus?: number; memoryMiB?: number; stem?: string },
): Promise<DebianFixture> {
  const product = options.product ?? 'Serial Hello';
  const version = options.version ?? '1.0.0';
  const cpus = options.cpus ?? 1;
  const memoryMiB = options.memoryMiB ?? 64;
  const stem = options.stem ?? 'serial-hello';
  await mkdir(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);

  await writeFile(file('boot.asm'), bootSectorSource(options.message));
  await run('nasm', ['-f', 'bin', '-o', 'boot.bin', 'boot.asm'], dir);
  // A 1 MiB disk: the boot sector, then zeros.
  const raw = Buffer.alloc(1024 * 1024);
  (await readFile(file('boot.bin'))).copy(raw, 0);
  await writeFile(file(`${stem}.img`), raw);
  await run('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', `${stem}.img`, `${stem}.qcow2`], dir);
  const diskName = `${stem}-disk1.vmdk`;
  await run('qemu-img', ['convert', '-f', 'raw', '-O', 'vmdk', '-o', 'subformat=streamOptimized', `${stem}.img`, diskName], dir);

  const ovfName = `${stem}.ovf`;
  const ovf = makeOvf({
    name: stem,
    product,
    vendor: options.vendor ?? 'Fixture Works',
    version,
    fullVersion: version,
    annotation: options.annotation ?? `${product} prints one line on its serial console.`,
    cpus,
    memoryMiB,
    disks: [{ fileName: diskName, fileSize: (await stat(file(diskName))).size, capacityBytes: raw.length }],
  });
  await writeFile(file(ovfName), ovf);
  const manifest = `SHA256(${ovfName})= ${await sha256(file(ovfName))}\nSHA256(${diskName})= ${await sha256(file(diskName))}\n`;
  await writeFile(file(`${stem}.mf`), manifest);
  const ova = `${stem}-${version}.ova`;
  await run('tar', ['--format=ustar', '--owner=0', '--group=0', '-cf', ova, ovfName, `${stem}.mf`, diskName], dir);

  return {
    dir,
    message: options.message,
    raw: file(`${stem}.img`),
    qcow2: file(`${stem}.qcow2`),
    vmdk: file(diskName),
    ova: file(ova),
    ovaSha256: await sha256(file(ova)),
    ovaSize: (await stat(file(ova))).size,
    diskName,
    product,
    version,
    cpus,
    memoryMiB,
  };
}

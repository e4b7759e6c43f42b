import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRawDisk } from '@/lib/core/appliance-kit/raw-disk';
import { rawToQcow2 } from '@/lib/core/appliance-kit/qcow2';
import { rawToStreamOptimizedVmdk } from '@/lib/core/appliance-kit/vmdk';
import { bootUntil, makeTempDir, run } from './tools';

/**
 * The images really boot: QEMU (software emulation, no KVM needed) runs the boot sector, which
 * prints the message on the serial console, i.e. QEMU's stdout with -nographic.
 */
const message = 'Appliance Exchange boot test: hello, serial world!';
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  tmp = await makeTempDir('boot');
  const raw = makeRawDisk({ message, sizeBytes: 2 * 1024 * 1024 });
  await writeFile(tmp.file('disk.img'), raw);
  await writeFile(tmp.file('disk.qcow2'), rawToQcow2(raw));
  await writeFile(tmp.file('disk.vmdk'), rawToStreamOptimizedVmdk(raw));
  await run('qemu-img', ['convert', '-f', 'vmdk', '-O', 'qcow2', tmp.file('disk.vmdk'), tmp.file('from-vmdk.qcow2')]);
});
afterAll(() => tmp.cleanup());

function boot(drive: string) {
  return bootUntil(
    'qemu-system-x86_64',
    ['-nographic', '-no-reboot', '-m', '16', '-nic', 'none', '-drive', drive],
    `${message}\r\n`,
    { cwd: tmp.dir, timeoutMs: 50_000 },
  );
}

describe('booting the generated images in QEMU', () => {
  it.concurrent.each([
    ['the raw disk', 'file=disk.img,format=raw'],
    ['the qcow2', 'file=disk.qcow2,format=qcow2'],
    ['the VMDK, converted to qcow2 by qemu-img', 'file=from-vmdk.qcow2,format=qcow2'],
  ])('%s prints the message on the serial console', async (_what, drive) => {
    const result = await boot(drive);
    expect(result.found, `serial output was:\n${result.output}`).toBe(true);
  });
});

/** Polls until `check` returns a value or `timeoutMs` passes. */
async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(100);
  }
  return undefined;
}

describe('the two output paths, separately', () => {
  it('the UART code alone prints the message (no BIOS serial console when there is a display)', async () => {
    const result = await bootUntil(
      'qemu-system-x86_64',
      ['-display', 'none', '-serial', 'stdio', '-no-reboot', '-m', '16', '-nic', 'none', '-drive', 'file=disk.img,format=raw'],
      `${message}\r\n`,
      { cwd: tmp.dir },
    );
    expect(result.found, `serial output was:\n${result.output}`).toBe(true);
  });

  it('int 10h teletype puts the message in VGA text memory', async () => {
    const vm = spawn(
      'qemu-system-x86_64',
      ['-display', 'none', '-monitor', 'stdio', '-serial', 'file:serial.log', '-no-reboot', '-m', '16', '-nic', 'none',
        '-drive', 'file=disk.img,format=raw'],
      { cwd: tmp.dir, stdio: ['pipe', 'ignore', 'ignore'] },
    );
    try {
      const serial = await waitFor(async () => {
        const text = await readFile(tmp.file('serial.log'), 'latin1');
        return text.includes(message) ? text : undefined;
      }, 50_000);
      expect(serial).toBeDefined();
      // The serial copy is written first; give the BIOS a moment for the screen copy, then dump it.
      const screen = await waitFor(async () => {
        vm.stdin.write('pmemsave 0xb8000 4000 screen.bin\n');
        await sleep(200);
        if ((await stat(tmp.file('screen.bin'))).size !== 4000) return undefined;
        const cells = await readFile(tmp.file('screen.bin'));
        // Text mode: character, attribute pairs.
        const text = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(cells[i * 2])).join('');
        return text.includes(message) ? text : undefined;
      }, 10_000);
      expect(screen).toBeDefined();
    } finally {
      vm.kill('SIGKILL');
    }
  });
});

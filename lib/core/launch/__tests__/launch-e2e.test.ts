import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance, makeOva } from '@/lib/core/appliance-kit';
import { bootUntil, makeTempDir } from '@/lib/core/appliance-kit/__tests__/tools';
import { planLaunch } from '@/lib/core/launch/plan-launch';
import { renderPlan } from '@/lib/core/launch/render-plan';
import type { LaunchFile, LaunchInput } from '@/lib/core/launch/types';

/**
 * The rendered QEMU instructions really work: each command line is run by a POSIX shell (sh) in
 * the download directory, exactly as a user would paste it, and the machine prints the demo
 * message on its serial console. File names are hostile on purpose.
 */
const demo = makeDemoAppliance({ name: 'Launch Test', vendor: 'Acme', version: '1.0', message: 'launch plan e2e: hello' });
const hostile = `-x $(touch PWNED) 'q' "dq", a:b`;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  tmp = await makeTempDir('launch-e2e');
  const hostileDisk = `-disk $(touch PWNED),1.vmdk`;
  await writeFile(tmp.file(`${hostile}.ova`), makeOva({ ovf: demo.ovf, ovfName: 'x.ovf', disks: [{ name: hostileDisk, bytes: demo.vmdk.bytes }] }));
  await writeFile(tmp.file(`${hostile}.qcow2`), demo.qcow2.bytes);
  await writeFile(tmp.file(`${hostile}.img`), demo.raw.bytes);
  await writeFile(tmp.file(`${hostile} v.vmdk`), demo.vmdk.bytes); // converts to its own .qcow2
});
afterAll(() => tmp.cleanup());

function launchInput(file: Partial<LaunchFile>): LaunchInput {
  return {
    siteUrl: 'http://localhost:3000',
    publisher: 'acme',
    appliance: 'launch-test',
    version: '1.0',
    file: { id: 'f', format: 'RAW', fileName: 'x', sha256: demo.raw.sha256, architecture: 'amd64', ...file },
    hardware: { cpus: 1, memoryMiB: 32 },
  };
}

async function runRendered(input: LaunchInput) {
  const text = renderPlan(planLaunch(input, 'qemu', { headless: true }));
  const commands = text.split('\n').filter((line) => line && !line.startsWith('#'));
  const start = commands.pop()!;
  for (const command of commands) execFileSync('sh', ['-c', command], { cwd: tmp.dir, stdio: 'pipe' });
  expect(start).toMatch(/^qemu-system-x86_64 .* -nographic$/);
  const result = await bootUntil('sh', ['-c', `exec ${start} -no-reboot`], `${demo.message}\r\n`, { cwd: tmp.dir, timeoutMs: 20_000 });
  expect(result.found, `plan:\n${text}\nconsole:\n${result.output}`).toBe(true);
  expect(existsSync(tmp.file('PWNED'))).toBe(false);
}

describe('the QEMU plan, rendered and run by sh, boots the appliance', () => {
  it.concurrent.each([
    ['an OVA (extract, convert, run)', { format: 'OVA', fileName: `${hostile}.ova`, diskNames: ['-disk $(touch PWNED),1.vmdk'] }],
    ['a qcow2', { format: 'QCOW2', fileName: `${hostile}.qcow2` }],
    ['a raw disk', { format: 'RAW', fileName: `${hostile}.img` }],
    ['a VMDK (convert, run)', { format: 'VMDK', fileName: `${hostile} v.vmdk` }],
  ] as [string, Partial<LaunchFile>][])('%s with a hostile file name', async (_what, file) => {
    await runRendered(launchInput(file));
  });
});

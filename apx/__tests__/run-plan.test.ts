import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { LaunchFile, LaunchPlan } from '@/lib/core/launch';
import { Context } from '@/apx/context';
import { runPlan } from '@/apx/run-plan';
import { makeTestIo } from '@/apx/test-support/run-cli';

// A player as QEMU writes its serial console: one byte per write(2), on a non-blocking stdout.
// Node opens fd 1 non-blocking when it is a pipe or a socket (as QEMU does to its stdout), so an
// EAGAIN here is the byte QEMU would have dropped.
const PLAYER = `
const fs = require('node:fs');
void process.stdout;
fs.writeSync(2, fs.fstatSync(1).isFile() ? 'stdout is a file\\n' : 'stdout is not a file\\n');
let refused = 0;
for (let i = 0; i < 4000; i++) {
  try { fs.writeSync(1, String.fromCharCode(97 + (i % 26))); } catch (e) { if (e.code !== 'EAGAIN') throw e; refused++; }
}
const end = Date.now() + 300;
while (Date.now() < end);
fs.writeSync(1, '|end\\n');
fs.writeSync(2, 'refused ' + refused + '\\n');
`;

const file: LaunchFile = { id: 'f', format: 'RAW', fileName: 'disk.img', sha256: '0'.repeat(64), architecture: 'amd64' };
const plan: LaunchPlan = { player: 'qemu', supported: true, steps: [{ title: 'Start the player', argv: [process.execPath, '-e', PLAYER] }], notes: [] };
const outputDirs = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('apx-output-'));

describe('runPlan: a player whose output is not a terminal', () => {
  it('loses none of a byte-at-a-time console, even while apx is busy, and leaves no temporary file', async () => {
    const before = await outputDirs();
    let busy = false;
    const { io, output } = makeTestIo({
      // apx not scheduled for a moment, as on a loaded machine: the player keeps writing meanwhile.
      onStdout: () => {
        if (busy) return;
        busy = true;
        const end = Date.now() + 300;
        while (Date.now() < end);
      },
    });
    const code = await runPlan(new Context(io, {}), plan, { dir: tmpdir(), file });
    const { stdout, stderr } = output();
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('stdout is a file');
    expect(stderr).toContain('refused 0');
    expect(stdout).toBe(`${Array.from({ length: 4000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('')}|end\n`);
    expect((await outputDirs()).filter((name) => !before.includes(name))).toEqual([]);
  });
});

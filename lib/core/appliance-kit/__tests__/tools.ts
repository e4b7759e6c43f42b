import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs a real tool and returns its stdout; a non-zero exit fails the test with the tool's stderr. */
export async function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** Like `run` but resolves with the exit code and output instead of throwing. */
export async function runStatus(command: string, args: string[], options: { cwd?: string } = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd: options.cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}


export async function makeTempDir(prefix: string): Promise<{ dir: string; file: (name: string) => string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Starts a VM and collects its serial console (stdout) until `needle` appears or `timeoutMs`
 * passes, then kills it. Resolves with what was printed and whether the needle was seen.
 */
export function bootUntil(
  command: string,
  args: string[],
  needle: string,
  { cwd, timeoutMs = 20_000 }: { cwd?: string; timeoutMs?: number } = {},
): Promise<{ found: boolean; output: string; elapsedMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    let done = false;
    const finish = (found: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve({ found, output: output + stderr, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes(needle)) finish(true);
    });
    child.stderr.setEncoding('latin1');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(error);
      }
    });
    child.on('exit', () => finish(output.includes(needle)));
  });
}

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '@/lib/core/launch/shell-quote';

/** What a real POSIX shell (sh) passes to a program for `text`: one argument per line, NUL-separated. */
function argvSeenByShell(text: string): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${text}`], { encoding: 'latin1' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it.each([
    ['disk.qcow2', 'disk.qcow2'],
    ['file=a.qcow2,format=qcow2', 'file=a.qcow2,format=qcow2'],
    ['http://localhost:3000/api/v1/vagrant/a/b', 'http://localhost:3000/api/v1/vagrant/a/b'],
    ['-m', '-m'],
    ['', "''"],
    ['my disk.vmdk', "'my disk.vmdk'"],
    ["it's.ova", "'it'\\''s.ova'"],
    ['$(reboot).ova', "'$(reboot).ova'"],
    ['`id`', "'`id`'"],
    ['a;b|c&d', "'a;b|c&d'"],
    ['~/x', "'~/x'"],
    ['=ls', "'=ls'"],
    ['*.vmdk', "'*.vmdk'"],
    ['naïve.ova', "'naïve.ova'"],
    ['two\nlines', "'two\nlines'"],
  ])('%j → %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });

  it('refuses NUL, which no argument can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('round-trips any argument through a real shell unchanged', () => {
    const arg = fc.string({ unit: fc.constantFrom(...'ab -\'"\\$`(){};|&<>*?[]~=#!%^,:\n\t '.split('')), maxLength: 20 });
    fc.assert(
      fc.property(fc.array(arg, { minLength: 1, maxLength: 4 }), (args) => {
        expect(argvSeenByShell(shellCommand(args))).toEqual(args);
      }),
      { numRuns: 150 },
    );
  });
});

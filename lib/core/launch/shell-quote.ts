/** Characters that mean nothing to a POSIX shell (or zsh) anywhere in a word. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one argument for a POSIX shell so that it reaches the program unchanged: safe words as
 * they are, anything else in single quotes (a `'` becomes `'\''`). Newlines end up inside the
 * quotes, which is correct but spans lines; plans refuse such names before they get here.
 * Throws on NUL, which no argument can contain.
 */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new RangeError('a command-line argument cannot contain a NUL byte');
  // zsh expands a word starting with `=` to a command path, so such words are quoted too.
  if (SAFE.test(arg) && !arg.startsWith('=')) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(argv: string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * Exit codes of `apx`, stable for scripts. `apx --help` prints this table and the README repeats
 * it; change both or neither.
 */
export const EXIT = {
  OK: 0,
  ERROR: 1,
  USAGE: 2,
  NOT_FOUND: 3,
  AUTH: 4,
  CHECKSUM: 5,
  REJECTED: 6,
  PLAYER_MISSING: 7,
  UNSUPPORTED: 8,
  NETWORK: 9,
  TIMEOUT: 10,
  INTERRUPTED: 130,
} as const;

export type ExitName = keyof typeof EXIT;
export type ExitCode = (typeof EXIT)[ExitName];

export const EXIT_DESCRIPTIONS: Record<ExitName, string> = {
  OK: 'success',
  ERROR: 'any other error (server error, conflict, local I/O)',
  USAGE: 'bad arguments or options, or input the server refused as invalid',
  NOT_FOUND: 'no such appliance, version or file (or not visible to you)',
  AUTH: 'not logged in, token refused, or the token lacks the needed scope',
  CHECKSUM: 'the download does not match the published SHA-256 (nothing is kept)',
  REJECTED: 'the uploaded file was rejected by verification (the reason is printed)',
  PLAYER_MISSING: 'the player or a tool the launch needs is not installed',
  UNSUPPORTED: 'the chosen player cannot run any file of this appliance',
  NETWORK: 'the site or the object store could not be reached',
  TIMEOUT: 'verification did not finish in time (publish --timeout)',
  INTERRUPTED: 'interrupted (Ctrl-C); run the same command again to resume',
};

/** The table shown by `apx --help`. */
export function exitCodeHelp(): string {
  const lines = (Object.keys(EXIT) as ExitName[]).map((name) => `  ${String(EXIT[name]).padStart(3)}  ${EXIT_DESCRIPTIONS[name]}`);
  return `Exit codes:\n${lines.join('\n')}`;
}

/** An expected failure: its message is shown as is, and it decides the exit code. */
export class CliError extends Error {
  readonly exit: ExitName;
  /** A line or two on what to do about it. */
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(exit: ExitName, message: string, options: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.exit = exit;
    this.hint = options.hint;
    this.details = options.details;
  }

  get exitCode(): ExitCode {
    return EXIT[this.exit];
  }
}

export function isCliError(e: unknown): e is CliError {
  return e instanceof CliError;
}

// The settings of a script that runs on its own (a web node, a worker): read once through
// lib/config/env.ts, and a bad value ends the process with the variable's name, not a stack trace.
import { ConfigError, parseEnv, redactSecrets, type Env } from '../../lib/config/env.ts';

export function settingsOrExit(who: string): Env {
  try {
    return parseEnv();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`[${who}] ${redactSecrets(e.message)}`);
    process.exit(1);
  }
}

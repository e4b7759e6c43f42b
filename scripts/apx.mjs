#!/usr/bin/env node
// `apx`, the Appliance Exchange command-line client. The CLI is TypeScript under apx/, loaded
// through tsx with this repository's tsconfig (for the `@/` imports) whatever the working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../apx/main.ts');
process.exitCode = await main(process.argv.slice(2));

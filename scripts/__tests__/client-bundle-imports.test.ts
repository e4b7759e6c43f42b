// What the browser may not be sent. Starting from every 'use client' module, this follows the
// value imports through our own sources (type-only imports vanish at build time; server action
// modules become references; dynamic import() is a chunk loaded only when asked for) and fails
// on any path to a library that belongs on the server or behind a click.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Libraries no client bundle may carry, and why. */
const FORBIDDEN: Record<string, string> = {
  zod: 'validation runs on the server; the browser checks with plain code',
  recharts: 'charts are drawn on the server',
  '@prisma/client': 'server only',
  '@aws-sdk/client-s3': 'server only',
  pg: 'server only',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.') || name === 'generated') return [];
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const directive = (text: string, name: string) => new RegExp(`^(\\s*(//[^\\n]*|/\\*[\\s\\S]*?\\*/))*\\s*['"]${name}['"]`).test(text);

/** The module specifiers a file imports as values (static imports and re-exports). */
export function valueImports(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    if (m[5]) {
      out.push(m[5]);
      continue;
    }
    if (m[2]) continue; // import type … / export type …
    const clause = m[3];
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    if (named && named[1].split(',').every((part) => !part.trim() || /^type\s/.test(part.trim()))) continue;
    out.push(m[4]);
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(root, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Every forbidden library reachable from `entry`, with the chain of files that leads to it. */
function forbiddenFrom(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    if (file !== entry && directive(text, 'use server')) return;
    for (const spec of valueImports(text)) {
      const local = resolveLocal(file, spec);
      if (local) walk(local, [...chain, path.relative(root, local)]);
      else if (!spec.startsWith('.') && !spec.startsWith('@/') && FORBIDDEN[packageOf(spec)]) found.push(`${[...chain, spec].join(' → ')} (${FORBIDDEN[packageOf(spec)]})`);
    }
  };
  walk(entry, [path.relative(root, entry)]);
  return found;
}

const clientModules = ['app', 'components', 'lib'].flatMap((d) => sourceFiles(path.join(root, d))).filter((f) => directive(readFileSync(f, 'utf8'), 'use client'));

describe('client bundles', () => {
  it('finds the client modules', () => {
    expect(clientModules.length).toBeGreaterThan(20);
    expect(clientModules.map((f) => path.relative(root, f))).toContain('components/upload/file-uploader.tsx');
  });

  it('reads value imports and skips type-only ones', () => {
    const text = [
      "import { z } from 'zod';",
      "import type { Z } from 'zod/types';",
      "import { type A, type B } from './only-types';",
      "import { type A, b } from './mixed';",
      "export { c } from './reexported';",
      "export type { D } from './reexported-type';",
      "import './styles.css';",
      "import Default, { e } from '@/lib/e';",
    ].join('\n');
    expect(valueImports(text)).toEqual(['zod', './mixed', './reexported', './styles.css', '@/lib/e']);
  });

  it.each(clientModules.map((f) => [path.relative(root, f), f]))('%s reaches no server-side library', (_name, file) => {
    expect(forbiddenFrom(file)).toEqual([]);
  });
});

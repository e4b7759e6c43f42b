import type { InsideReport } from '@/lib/core/inside/types';

/** os-release(5): KEY=value lines, values optionally quoted with shell escapes. */
export function parseOsRelease(text: string): NonNullable<InsideReport['os']> | null {
  const values = new Map<string, string>();
  for (const line of text.split('\n').slice(0, 1000)) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2].trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
      v = v.slice(1, -1).replace(/\\(["'`$\\])/g, '$1');
    }
    values.set(m[1], v.slice(0, 200));
  }
  const id = values.get('ID') ?? 'linux';
  const os: NonNullable<InsideReport['os']> = { id };
  if (values.get('VERSION_ID')) os.versionId = values.get('VERSION_ID');
  if (values.get('PRETTY_NAME')) os.prettyName = values.get('PRETTY_NAME');
  if (values.get('NAME')) os.name = values.get('NAME');
  const like = values.get('ID_LIKE');
  if (like) os.idLike = like.split(/\s+/).filter(Boolean);
  return values.size ? os : null;
}

import 'server-only';
import spdx from 'spdx-license-list';
import { isSpdxExpression } from '@/lib/core/publishing/spdx';

export interface LicenseTerm {
  /** The SPDX identifier as the publisher wrote it (`GPL-2.0-or-later`, `LicenseRef-Acme`). */
  id: string;
  /** The SPDX list's full name, or null for a custom (LicenseRef-) or unknown identifier. */
  name: string | null;
  /** The license text: SPDX's page for listed licenses and exceptions, null otherwise. */
  url: string | null;
  /** A WITH exception, or null. */
  exception: { id: string; url: string } | null;
}

export interface LicenseInfo {
  expression: string;
  terms: LicenseTerm[];
  /** How terms combine: "or" (choose one), "and" (all apply), or null for a single term or a nested expression. */
  joiner: 'or' | 'and' | null;
  /** A custom license (LicenseRef-…): its text is the listing's licence agreement, if any. */
  custom: boolean;
}

const listed = (id: string) => (Object.hasOwn(spdx, id) ? spdx[id] : undefined);

/**
 * A listing's SPDX expression with each license's full name and a link to its text. The
 * expression was checked when saved (lib/core/publishing/spdx.ts); null when absent or no longer valid.
 */
export function licenseInfo(expression: string | null | undefined): LicenseInfo | null {
  if (!expression || !isSpdxExpression(expression)) return null;
  const tokens = expression.replace(/[()]/g, ' ').trim().split(/\s+/);
  const terms: LicenseTerm[] = [];
  const operators = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'AND' || t === 'OR') {
      operators.add(t);
      continue;
    }
    if (t === 'WITH') continue;
    // `X+` means "X or later": some ids are listed with the plus (GPL-2.0+), others only without it.
    const withPlus = listed(t);
    const plain = withPlus ? t : t.replace(/\+$/, '');
    const entry = withPlus ?? listed(plain);
    const exceptionId = tokens[i + 1] === 'WITH' ? tokens[i + 2] : undefined;
    terms.push({
      id: t,
      name: entry ? (withPlus || !t.endsWith('+') ? entry.name : `${entry.name.replace(/ only$/, '')} or later`) : null,
      url: entry ? `https://spdx.org/licenses/${encodeURIComponent(plain)}.html` : null,
      exception: exceptionId ? { id: exceptionId, url: `https://spdx.org/licenses/${encodeURIComponent(exceptionId)}.html` } : null,
    });
    if (exceptionId) i += 2;
  }
  const nested = /[()]/.test(expression) || operators.size > 1;
  return {
    expression,
    terms,
    joiner: nested || operators.size === 0 ? null : operators.has('OR') ? 'or' : 'and',
    custom: terms.some((t) => /(^|:)LicenseRef-/.test(t.id)),
  };
}

// SPDX license expressions (https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/):
// `MIT`, `Apache-2.0 OR MIT`, `GPL-2.0-only WITH Classpath-exception-2.0`, `LicenseRef-Acme-EULA`.
// We check the grammar, not membership of the (ever growing) official list; the editor offers
// the common identifiers as suggestions.

export const COMMON_SPDX_IDS = [
  'Apache-2.0',
  'MIT',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'MPL-2.0',
  'EPL-2.0',
  'ISC',
  'Unlicense',
  'CC0-1.0',
  'CC-BY-4.0',
  'BSL-1.0',
  'Zlib',
  'PostgreSQL',
  'OpenSSL',
  'LicenseRef-Proprietary',
] as const;

const ID = /^(?:LicenseRef-|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.-]*\+?$/;

function tokenize(expression: string): string[] | null {
  const tokens = expression.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  return tokens.length === 1 && tokens[0] === '' ? null : tokens;
}

/** True for a syntactically valid SPDX license expression of at most 100 characters. */
export function isSpdxExpression(value: string): boolean {
  if (!value || value.length > 100) return false;
  const tokens = tokenize(value);
  if (!tokens) return false;
  let i = 0;
  const peek = () => tokens[i];
  const isOperator = (t: string | undefined) => t === 'AND' || t === 'OR' || t === 'WITH';

  // compound := simple ( WITH exception )? | '(' expr ')'
  const compound = (): boolean => {
    const t = peek();
    if (t === '(') {
      i++;
      if (!expr()) return false;
      if (peek() !== ')') return false;
      i++;
      return true;
    }
    if (!t || isOperator(t) || t === ')' || !ID.test(t)) return false;
    i++;
    if (peek() === 'WITH') {
      i++;
      const exception = peek();
      if (!exception || isOperator(exception) || exception === '(' || exception === ')' || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(exception)) return false;
      i++;
    }
    return true;
  };
  // expr := compound ( (AND|OR) compound )*
  const expr = (): boolean => {
    if (!compound()) return false;
    while (peek() === 'AND' || peek() === 'OR') {
      i++;
      if (!compound()) return false;
    }
    return true;
  };
  return expr() && i === tokens.length;
}

import { describe, expect, it } from 'vitest';
import { COMMON_SPDX_IDS, isSpdxExpression } from '@/lib/core/publishing/spdx';

describe('isSpdxExpression', () => {
  it.each([
    'MIT',
    'Apache-2.0',
    'GPL-2.0-only',
    'GPL-2.0+',
    'MIT OR Apache-2.0',
    '(MIT OR Apache-2.0) AND BSD-3-Clause',
    'GPL-2.0-only WITH Classpath-exception-2.0',
    'LicenseRef-Acme-EULA',
    'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
  ])('accepts %s', (e) => expect(isSpdxExpression(e)).toBe(true));

  it.each(['', 'MIT OR', 'OR MIT', '(MIT', 'MIT)', 'MIT AND AND BSD', 'not a license!', 'MIT WITH', 'MIT WITH (x)', '<script>', 'x'.repeat(101), 'MIT; rm -rf /'])(
    'refuses %j',
    (e) => expect(isSpdxExpression(e)).toBe(false),
  );

  it('accepts every suggestion the editor offers', () => {
    for (const id of COMMON_SPDX_IDS) expect(isSpdxExpression(id)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { licenseInfo } from '@/lib/server/catalog/license-info';

describe('licenseInfo', () => {
  it('names a listed license and links its text on spdx.org', () => {
    expect(licenseInfo('MIT')).toEqual({
      expression: 'MIT',
      terms: [{ id: 'MIT', name: 'MIT License', url: 'https://spdx.org/licenses/MIT.html', exception: null }],
      joiner: null,
      custom: false,
    });
    expect(licenseInfo('Apache-2.0')?.terms[0].name).toBe('Apache License 2.0');
  });

  it('reads a choice of licenses, an exception and the or-later suffix', () => {
    const choice = licenseInfo('GPL-2.0-only OR MIT')!;
    expect(choice.joiner).toBe('or');
    expect(choice.terms.map((t) => t.name)).toEqual(['GNU General Public License v2.0 only', 'MIT License']);
    const exception = licenseInfo('GPL-2.0-or-later WITH Classpath-exception-2.0')!;
    expect(exception.terms).toHaveLength(1);
    expect(exception.terms[0].exception).toEqual({ id: 'Classpath-exception-2.0', url: 'https://spdx.org/licenses/Classpath-exception-2.0.html' });
    expect(licenseInfo('LGPL-2.1+')?.terms[0]).toMatchObject({ id: 'LGPL-2.1+', name: 'GNU Lesser General Public License v2.1 or later', url: 'https://spdx.org/licenses/LGPL-2.1%2B.html' });
    expect(licenseInfo('MPL-2.0+')?.terms[0]).toMatchObject({ name: 'Mozilla Public License 2.0 or later', url: 'https://spdx.org/licenses/MPL-2.0.html' });
    expect(licenseInfo('(MIT AND BSD-3-Clause) OR Apache-2.0')?.joiner).toBeNull();
  });

  it('marks custom licenses, which have no SPDX page', () => {
    const custom = licenseInfo('LicenseRef-Proprietary')!;
    expect(custom.custom).toBe(true);
    expect(custom.terms[0]).toMatchObject({ name: null, url: null });
  });

  it('answers null for nothing or an expression that is not SPDX', () => {
    expect(licenseInfo(null)).toBeNull();
    expect(licenseInfo('')).toBeNull();
    expect(licenseInfo('MIT OR')).toBeNull();
    expect(licenseInfo('<script>alert(1)</script>')).toBeNull();
  });

  it('never links a name it does not know, whatever it looks like', () => {
    expect(licenseInfo('Totally-Made-Up-1.0')?.terms[0]).toMatchObject({ name: null, url: null });
    expect(licenseInfo('constructor')?.terms[0]).toMatchObject({ name: null, url: null });
  });
});

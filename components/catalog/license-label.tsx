import type { LicenseInfo } from '@/lib/server/catalog/license-info';

/** The listing's license: each SPDX term's full name linked to its text, the identifier beside it. */
export function LicenseLabel({ info, eulaAnchor }: { info: LicenseInfo; eulaAnchor?: string }) {
  return (
    <span data-testid="license">
      <span className="text-slate-600">License: </span>
      {info.joiner === null && info.terms.length > 1 ? (
        <code className="font-mono text-slate-900">{info.expression}</code>
      ) : (
        info.terms.map((t, i) => (
          <span key={`${t.id}-${i}`}>
            {i > 0 && <span className="text-slate-600"> {info.joiner === 'or' ? 'or' : 'and'} </span>}
            {t.url ? (
              <a href={t.url} rel="noopener noreferrer license" target="_blank" className="font-medium text-brand-700 underline decoration-brand-300 underline-offset-2 hover:decoration-brand-700">
                {t.name}
                <span className="sr-only"> (license text, opens spdx.org)</span>
              </a>
            ) : t.id.includes('LicenseRef-') && eulaAnchor ? (
              <a href={eulaAnchor} className="font-medium text-brand-700 underline decoration-brand-300 underline-offset-2">
                Custom license
              </a>
            ) : (
              <span className="font-medium text-slate-900">{t.id.includes('LicenseRef-') ? 'Custom license' : t.id}</span>
            )}{' '}
            <span className="font-mono text-xs text-slate-600">({t.id})</span>
            {t.exception && (
              <>
                {' '}
                <span className="text-slate-600">with </span>
                <a href={t.exception.url} rel="noopener noreferrer" target="_blank" className="font-mono text-xs text-brand-700 underline">
                  {t.exception.id}
                </a>
              </>
            )}
          </span>
        ))
      )}
    </span>
  );
}

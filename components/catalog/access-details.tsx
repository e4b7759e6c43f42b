import type { ApplianceAccess } from '@/lib/core/appliances/appliance-access';
import { CopyButton } from '@/components/catalog/copy-button';

/**
 * "Once it runs": the default credentials and ports the publisher listed, under the launch
 * commands (appliance page and judge's entry page alike). Nothing when neither is listed.
 */
export function AccessDetails({ access }: { access: ApplianceAccess }) {
  const { defaultCredentials, ports } = access;
  if (defaultCredentials.length === 0 && ports.length === 0) return null;
  const firstTcp = ports.find((p) => p.protocol === 'tcp');
  return (
    <section aria-labelledby="access-title" className="space-y-4 border-t border-slate-100 px-5 py-4 text-sm" data-testid="access-details">
      <h3 id="access-title" className="font-semibold text-slate-900">
        Once it runs
      </h3>
      {defaultCredentials.length > 0 && (
        <div>
          <h4 className="mb-1.5 font-medium text-slate-800">Default credentials</h4>
          <ul className="space-y-2">
            {defaultCredentials.map((c, i) => (
              <li key={i} className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
                <p className="font-medium text-slate-800">{c.service}</p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1">
                  <dt className="text-slate-600">User</dt>
                  <dd className="flex min-w-0 items-center gap-2">
                    <code className="min-w-0 break-all font-mono text-slate-900">{c.username}</code>
                    <CopyButton text={c.username} label={`Copy the ${c.service} user name`} />
                  </dd>
                  <dt className="text-slate-600">Password</dt>
                  <dd className="flex min-w-0 items-center gap-2">
                    {c.password === null ? (
                      <span className="text-slate-600">none</span>
                    ) : (
                      <>
                        <code className="min-w-0 break-all font-mono text-slate-900">{c.password}</code>
                        <CopyButton text={c.password} label={`Copy the ${c.service} password`} />
                      </>
                    )}
                  </dd>
                </dl>
                {c.note && <p className="mt-1 text-slate-600">{c.note}</p>}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-slate-600">Everyone who downloads the appliance knows these: change the password after the first sign-in.</p>
        </div>
      )}
      {ports.length > 0 && (
        <div>
          <h4 className="mb-1.5 font-medium text-slate-800">Ports</h4>
          <ul className="flex flex-wrap gap-2">
            {ports.map((p) => (
              <li key={`${p.port}/${p.protocol}`} className="rounded-md bg-slate-50 px-2 py-1 ring-1 ring-slate-200">
                <span className="font-mono text-slate-900">
                  {p.port}/{p.protocol}
                </span>{' '}
                <span className="text-slate-700">{p.service}</span>
              </li>
            ))}
          </ul>
          {firstTcp && (
            <p className="mt-2 text-slate-600">
              With QEMU&apos;s default user networking, forward a port to reach it from this computer, e.g.{' '}
              <code className="rounded bg-slate-100 px-1 font-mono text-slate-800">
                -nic user,hostfwd=tcp::{firstTcp.port < 1024 ? firstTcp.port + 8000 : firstTcp.port}-:{firstTcp.port}
              </code>
              .
            </p>
          )}
        </div>
      )}
    </section>
  );
}

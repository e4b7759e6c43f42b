'use client';

import { useActionState, useState } from 'react';
import { updateAccessAction } from '@/lib/server/appliances/actions/update-access';
import { initialActionState } from '@/lib/core/actions/action-state';
import { FormMessage, inputClass } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { MAX_DEFAULT_CREDENTIALS, MAX_PORTS, PORT_PROTOCOLS } from '@/lib/core/publishing/access-limits';

interface CredentialRow {
  key: number;
  service: string;
  username: string;
  password: string;
  note: string;
}
interface PortRow {
  key: number;
  port: string;
  protocol: string;
  service: string;
}

let nextKey = 1;
const credentialRow = (c?: Partial<Omit<CredentialRow, 'key'>>): CredentialRow => ({ key: nextKey++, service: c?.service ?? '', username: c?.username ?? '', password: c?.password ?? '', note: c?.note ?? '' });
const portRow = (p?: Partial<Omit<PortRow, 'key'>>): PortRow => ({ key: nextKey++, port: p?.port ?? '', protocol: p?.protocol ?? 'tcp', service: p?.service ?? '' });

/** A small labelled input inside a row; its error below it. */
function RowInput({ name, label, value, onChange, error, className, ...rest }: { name: string; label: string; value: string; onChange: (v: string) => void; error?: string; className?: string; placeholder?: string; inputMode?: 'numeric'; autoComplete?: string }) {
  const id = `field-${name}`;
  return (
    <div className={cn('min-w-0 space-y-1', className)}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={inputClass} {...rest} />
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

export interface AccessFormValues {
  defaultCredentials: { service: string; username: string; password: string | null; note: string }[];
  ports: { port: number; protocol: string; service: string }[];
}

/** Default credentials and ports of the running appliance: shown in the launch panel of the listing. */
export function AccessForm({ applianceId, initial }: { applianceId: string; initial: AccessFormValues }) {
  const [state, action, pending] = useActionState(updateAccessAction.bind(null, applianceId), initialActionState);
  const [credentials, setCredentials] = useState<CredentialRow[]>(() => initial.defaultCredentials.map((c) => credentialRow({ ...c, password: c.password ?? '' })));
  const [ports, setPorts] = useState<PortRow[]>(() => initial.ports.map((p) => portRow({ ...p, port: String(p.port) })));
  const f = state.fields ?? {};
  const setCredential = (key: number, field: keyof Omit<CredentialRow, 'key'>, value: string) => setCredentials((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const setPort = (key: number, field: keyof Omit<PortRow, 'key'>, value: string) => setPorts((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  return (
    <form action={action} className="space-y-6" noValidate aria-label="Access details">
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Default credentials</legend>
        <p className="text-xs text-slate-500">What a person signs in with the first time. Leave the password empty when there is none (a key, or one set on first boot).</p>
        {f.credentials && <p className="text-sm text-red-600">{f.credentials}</p>}
        {credentials.length === 0 && <p className="text-sm text-slate-500">None listed.</p>}
        <ul className="space-y-3">
          {credentials.map((c, i) => (
            <li key={c.key} className="grid gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_1fr_auto]" aria-label={`Credentials ${i + 1}`}>
              <RowInput name={`cred-service-${i}`} label="Where" placeholder="SSH, console, web UI" value={c.service} onChange={(v) => setCredential(c.key, 'service', v)} error={f[`cred-service-${i}`]} />
              <RowInput name={`cred-username-${i}`} label="User name" placeholder="admin" autoComplete="off" value={c.username} onChange={(v) => setCredential(c.key, 'username', v)} error={f[`cred-username-${i}`]} />
              <RowInput name={`cred-password-${i}`} label="Password" placeholder="(none)" autoComplete="off" value={c.password} onChange={(v) => setCredential(c.key, 'password', v)} error={f[`cred-password-${i}`]} />
              <div className="order-last flex items-end sm:order-none">
                <Button type="button" variant="ghost" size="sm" onClick={() => setCredentials((rows) => rows.filter((r) => r.key !== c.key))} aria-label={`Remove credentials ${i + 1}`}>
                  Remove
                </Button>
              </div>
              <RowInput name={`cred-note-${i}`} label="Note (optional)" placeholder="Asked to change it on first sign-in" className="sm:col-span-3" value={c.note} onChange={(v) => setCredential(c.key, 'note', v)} error={f[`cred-note-${i}`]} />
            </li>
          ))}
        </ul>
        {credentials.length < MAX_DEFAULT_CREDENTIALS && (
          <Button type="button" variant="secondary" size="sm" onClick={() => setCredentials((rows) => [...rows, credentialRow()])}>
            Add credentials
          </Button>
        )}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Ports</legend>
        <p className="text-xs text-slate-500">What listens on the running appliance, e.g. 22/tcp SSH, 443/tcp Web UI (HTTPS).</p>
        {f.ports && <p className="text-sm text-red-600">{f.ports}</p>}
        {ports.length === 0 && <p className="text-sm text-slate-500">None listed.</p>}
        <ul className="space-y-3">
          {ports.map((p, i) => (
            <li key={p.key} className="grid gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-[7rem_6rem_1fr_auto]" aria-label={`Port ${i + 1}`}>
              <RowInput name={`port-number-${i}`} label="Port" inputMode="numeric" placeholder="443" value={p.port} onChange={(v) => setPort(p.key, 'port', v)} error={f[`port-number-${i}`]} />
              <div className="space-y-1">
                <label htmlFor={`field-port-protocol-${i}`} className="block text-xs font-medium text-slate-700">
                  Protocol
                </label>
                <select id={`field-port-protocol-${i}`} name={`port-protocol-${i}`} value={p.protocol} onChange={(e) => setPort(p.key, 'protocol', e.target.value)} className={inputClass}>
                  {PORT_PROTOCOLS.map((proto) => (
                    <option key={proto} value={proto}>
                      {proto.toUpperCase()}
                    </option>
                  ))}
                </select>
              </div>
              <RowInput name={`port-service-${i}`} label="Service" placeholder="Web UI (HTTPS)" value={p.service} onChange={(v) => setPort(p.key, 'service', v)} error={f[`port-service-${i}`]} />
              <div className="flex items-end">
                <Button type="button" variant="ghost" size="sm" onClick={() => setPorts((rows) => rows.filter((r) => r.key !== p.key))} aria-label={`Remove port ${i + 1}`}>
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ul>
        {ports.length < MAX_PORTS && (
          <Button type="button" variant="secondary" size="sm" onClick={() => setPorts((rows) => [...rows, portRow()])}>
            Add a port
          </Button>
        )}
      </fieldset>

      <div className="flex items-center gap-3 border-t border-slate-100 pt-5">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save access details'}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

import type { z } from 'zod';
import { MAX_DEFAULT_CREDENTIALS, MAX_PORTS } from '@/lib/core/publishing/access-limits';

// The publisher's access form posts numbered rows (`cred-username-0`, `port-number-2`, …); rows
// left entirely blank are dropped. Field errors come back under the same names.

const get = (form: FormData, key: string) => String(form.get(key) ?? '');

export interface AccessFormRows {
  defaultCredentials: unknown[];
  ports: unknown[];
  /** The form row each list entry came from. */
  credentialRows: number[];
  portRows: number[];
}

export function accessFormRows(form: FormData): AccessFormRows {
  const defaultCredentials: unknown[] = [];
  const credentialRows: number[] = [];
  const portRows: number[] = [];
  // One more than allowed, so the schema (not this loop) says when there are too many.
  for (let i = 0; i <= MAX_DEFAULT_CREDENTIALS; i++) {
    const row = { service: get(form, `cred-service-${i}`), username: get(form, `cred-username-${i}`), password: get(form, `cred-password-${i}`), note: get(form, `cred-note-${i}`) };
    if (!Object.values(row).some((v) => v.trim() !== '')) continue;
    defaultCredentials.push(row);
    credentialRows.push(i);
  }
  const ports: unknown[] = [];
  for (let i = 0; i <= MAX_PORTS; i++) {
    const number = get(form, `port-number-${i}`).trim();
    const service = get(form, `port-service-${i}`);
    if (!number && !service.trim()) continue;
    ports.push({ port: /^\d{1,6}$/.test(number) ? Number(number) : number === '' ? undefined : NaN, protocol: get(form, `port-protocol-${i}`) || 'tcp', service });
    portRows.push(i);
  }
  return { defaultCredentials, ports, credentialRows, portRows };
}

/** zod issues of the two lists as the form's field names; list-wide issues under `credentials` and `ports`. */
export function accessFieldErrors(rows: AccessFormRows, credentials: z.ZodError | undefined, ports: z.ZodError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of credentials?.issues ?? []) {
    const [i, field] = issue.path;
    const key = typeof i === 'number' && typeof field === 'string' ? `cred-${field}-${rows.credentialRows[i] ?? i}` : 'credentials';
    out[key] ??= issue.message;
  }
  for (const issue of ports?.issues ?? []) {
    const [i, field] = issue.path;
    const key = typeof i === 'number' && typeof field === 'string' ? `port-${field === 'port' ? 'number' : field}-${rows.portRows[i] ?? i}` : 'ports';
    out[key] ??= issue.message;
  }
  return out;
}

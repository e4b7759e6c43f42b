import { defaultCredentialsSchema, portsSchema, type ApplianceProtocolPort, type DefaultCredential } from '@/lib/core/publishing/api-schemas';

// The listing's stored JSON columns read back through the same schemas that let them in: a row
// written by an older release (or by hand) that no longer fits shows nothing rather than breaking a page.

export interface ApplianceAccess {
  defaultCredentials: DefaultCredential[];
  ports: ApplianceProtocolPort[];
}

export function readApplianceAccess(row: { defaultCredentials: unknown; ports: unknown }): ApplianceAccess {
  const credentials = defaultCredentialsSchema.safeParse(row.defaultCredentials);
  const ports = portsSchema.safeParse(row.ports);
  return {
    defaultCredentials: credentials.success ? credentials.data : [],
    ports: ports.success ? [...ports.data].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol)) : [],
  };
}

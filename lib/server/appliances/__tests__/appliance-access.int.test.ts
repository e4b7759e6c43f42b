// A listing's default credentials and ports: validated at the edge, stored as JSON, read back
// defensively, shown on the appliance page only to whoever may see the listing.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { updateAppliance, getOwnListing } from '@/lib/server/appliances/update-appliance';
import { readApplianceAccess } from '@/lib/core/appliances/appliance-access';
import { accessFormRows, accessFieldErrors } from '@/lib/core/appliances/access-form';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { defaultCredentialsSchema, portsSchema, updateListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createTestAppliance, createTestPublisher, createTestUser } from '@/lib/test-support/factories';

describe('default credentials and ports', () => {
  it('the owner saves them; they come back sorted in the listing and on the appliance page', async () => {
    const { publisher, owner } = await createTestPublisher();
    const appliance = await createTestAppliance(publisher.id, { status: 'PUBLISHED', publishedAt: new Date() });
    const input = updateListingRequestSchema.parse({
      defaultCredentials: [{ service: 'Web UI', username: 'admin', password: '' }],
      ports: [{ port: 443, service: 'Web UI (HTTPS)' }, { port: 22, protocol: 'tcp', service: 'SSH' }],
    });
    const listing = await updateAppliance(owner, appliance.id, input);
    expect(listing.defaultCredentials).toEqual([{ service: 'Web UI', username: 'admin', password: null, note: '' }]);
    expect(listing.ports).toEqual([{ port: 22, protocol: 'tcp', service: 'SSH' }, { port: 443, protocol: 'tcp', service: 'Web UI (HTTPS)' }]);
    const detail = await getApplianceDetail(null, publisher.handle, appliance.slug);
    expect(detail?.access).toEqual({ defaultCredentials: listing.defaultCredentials, ports: listing.ports });
    expect((await db.auditLog.findFirstOrThrow({ where: { targetId: appliance.id, action: 'listing.update' }, orderBy: { id: 'desc' } })).data).toEqual({ fields: ['defaultCredentials', 'ports'] });
  });

  it('nobody else can change them', async () => {
    const { publisher } = await createTestPublisher();
    const appliance = await createTestAppliance(publisher.id);
    const stranger = await createTestUser({ roles: ['DEVELOPER'] });
    await expect(updateAppliance(stranger.actor, appliance.id, { ports: [{ port: 22, protocol: 'tcp', service: 'SSH' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.appliance.findUniqueOrThrow({ where: { id: appliance.id } })).ports).toEqual([]);
  });

  it('refuses hostile and broken input at the edge', () => {
    for (const ports of [
      [{ port: 0, service: 'x' }],
      [{ port: 65536, service: 'x' }],
      [{ port: 22.5, service: 'x' }],
      [{ port: 22, protocol: 'sctp', service: 'x' }],
      [{ port: 22, service: '' }],
      [{ port: 22, service: 'SSH' }, { port: 22, protocol: 'tcp', service: 'Also SSH' }],
      Array.from({ length: 21 }, (_, i) => ({ port: 1000 + i, service: 'x' })),
    ]) {
      expect(portsSchema.safeParse(ports).success, JSON.stringify(ports).slice(0, 80)).toBe(false);
    }
    for (const creds of [
      [{ service: 'SSH', username: 'root\nFAKE LINE', password: 'x' }],
      [{ service: 'SSH', username: '', password: 'x' }],
      [{ service: '', username: 'root', password: 'x' }],
      [{ service: 'SSH', username: 'root', password: 'a\u2028b' }],
      [{ service: 'SSH', username: 'x'.repeat(65), password: null }],
      Array.from({ length: 6 }, () => ({ service: 'SSH', username: 'root', password: null })),
    ]) {
      expect(defaultCredentialsSchema.safeParse(creds).success, JSON.stringify(creds).slice(0, 80)).toBe(false);
    }
    // Markup is text: it is stored as typed and React escapes it when shown.
    expect(defaultCredentialsSchema.parse([{ service: '<b>SSH</b>', username: '<script>', password: null }])[0].username).toBe('<script>');
  });

  it('reads rows that no longer fit the schema as nothing, never as a broken page', async () => {
    expect(readApplianceAccess({ defaultCredentials: 'nonsense', ports: [{ port: 'x' }] })).toEqual({ defaultCredentials: [], ports: [] });
    const { publisher, owner } = await createTestPublisher();
    const appliance = await createTestAppliance(publisher.id, { defaultCredentials: [{ evil: true }], ports: { not: 'a list' } });
    expect(await getOwnListing(owner, appliance.id)).toMatchObject({ defaultCredentials: [], ports: [] });
  });

  it('the form’s numbered rows skip blank ones and report errors under the row they came from', () => {
    const form = new FormData();
    form.set('cred-service-1', 'SSH');
    form.set('cred-username-1', '');
    form.set('port-number-0', '');
    form.set('port-service-0', '');
    form.set('port-number-2', '99999');
    form.set('port-service-2', 'Web');
    const rows = accessFormRows(form);
    expect(rows.credentialRows).toEqual([1]);
    expect(rows.portRows).toEqual([2]);
    const errors = accessFieldErrors(rows, defaultCredentialsSchema.safeParse(rows.defaultCredentials).error, portsSchema.safeParse(rows.ports).error);
    expect(errors).toEqual({ 'cred-username-1': 'Enter the user name.', 'port-number-2': 'Ports go from 1 to 65535.' });
  });
});

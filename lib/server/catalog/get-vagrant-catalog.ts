import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/core/auth/roles';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { siteUrl } from '@/lib/server/catalog/api-views';
import type { vagrantCatalogSchema } from '@/lib/core/catalog/api-schemas';
import { compareVersions } from '@/lib/core/versions';

/**
 * Vagrant's box catalog for `publisher/appliance`: released versions with their verified Vagrant
 * boxes, each provider pointing at our download endpoint with the SHA-256 Vagrant checks. Only
 * published listings (or what owners, admins and assigned judges may see) that have at least one
 * such box: null otherwise (404).
 */
export async function getVagrantCatalog(actor: Actor | null, publisher: string, slug: string): Promise<z.infer<typeof vagrantCatalogSchema> | null> {
  const detail = await getApplianceDetail(actor, publisher, slug);
  if (!detail) return null;
  const versions = detail.versions
    .filter((v) => v.status === 'RELEASED')
    .map((v) => ({
      version: v.version,
      status: 'active' as const,
      description_markdown: v.changelog,
      providers: v.files
        .filter((f) => f.format === 'VAGRANT_BOX' && f.status === 'VERIFIED' && f.downloadable && f.sha256 && f.provider)
        .map((f, i, all) => ({
          name: f.provider,
          url: siteUrl(`/api/v1/files/${encodeURIComponent(f.id)}/download`),
          checksum_type: 'sha256' as const,
          checksum: f.sha256!,
          architecture: f.architecture.toLowerCase(),
          // One default per provider: the first architecture listed for it.
          default_architecture: all.findIndex((g) => g.provider === f.provider) === i,
        })),
    }))
    .filter((v) => v.providers.length > 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  // A listing without a box is not a box: Vagrant then says "could not be found" instead of
  // reading an empty catalog (which it reports as having no version for your provider).
  if (versions.length === 0) return null;
  return { name: `${detail.publisher.handle}/${detail.slug}`, description: detail.summary, versions };
}

import 'server-only';
import type { z } from 'zod';
import { publicUrl } from '@/lib/config/env';
import type { ApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import type { applianceSchema, fileSchema, versionSchema } from '@/lib/core/catalog/api-schemas';

/** Absolute URL of a path on this site (links in API answers; Vagrant needs them absolute). */
export function siteUrl(path: string): string {
  return `${publicUrl()}${path}`;
}

const seg = encodeURIComponent;

export function applianceApiPath(publisher: string, slug: string) {
  return `/api/v1/appliances/${seg(publisher)}/${seg(slug)}`;
}

export function screenshotUrl(id: string, size: 'thumb' | 'full') {
  return `/api/v1/screenshots/${seg(id)}?size=${size}`;
}

export function applianceView(d: ApplianceDetail): z.infer<typeof applianceSchema> {
  const api = applianceApiPath(d.publisher.handle, d.slug);
  return {
    id: d.id,
    publisher: { handle: d.publisher.handle, displayName: d.publisher.displayName, url: d.publisher.url },
    slug: d.slug,
    name: d.name,
    summary: d.summary,
    description: d.description,
    status: d.status,
    category: d.category,
    tags: d.tags,
    license: d.license,
    eula: d.eula,
    homepage: d.homepage,
    requirements: d.requirements,
    defaultCredentials: d.access.defaultCredentials,
    ports: d.access.ports,
    formats: d.formats,
    architectures: d.architectures,
    latestVersion: d.latestVersion,
    downloadCount: d.downloadCount,
    ratingAvg: d.ratingAvg,
    ratingCount: d.ratingCount,
    publishedAt: d.publishedAt,
    updatedAt: d.updatedAt,
    screenshots: d.screenshots.map((s) => ({ ...s, thumbUrl: siteUrl(screenshotUrl(s.id, 'thumb')), fullUrl: siteUrl(screenshotUrl(s.id, 'full')) })),
    awards: d.awards,
    links: {
      html: siteUrl(`/appliances/${seg(d.publisher.handle)}/${seg(d.slug)}`),
      versions: siteUrl(`${api}/versions`),
      reviews: siteUrl(`${api}/reviews`),
      vagrant: siteUrl(`/api/v1/vagrant/${seg(d.publisher.handle)}/${seg(d.slug)}`),
    },
  };
}

type Version = ApplianceDetail['versions'][number];

export function versionView(d: ApplianceDetail, v: Version): z.infer<typeof versionSchema> {
  return {
    version: v.version,
    status: v.status,
    changelog: v.changelog,
    releasedAt: v.releasedAt,
    revokedAt: v.revokedAt,
    revokeReason: v.revokeReason,
    files: siteUrl(`${applianceApiPath(d.publisher.handle, d.slug)}/versions/${seg(v.version)}/files`),
  };
}

export function fileView(f: Version['files'][number]): z.infer<typeof fileSchema> {
  return {
    id: f.id,
    format: f.format,
    architecture: f.architecture,
    provider: f.provider,
    fileName: f.fileName,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    status: f.status,
    verifiedAt: f.verifiedAt,
    signature: f.signature,
    downloadUrl: siteUrl(`/api/v1/files/${seg(f.id)}/download`),
  };
}

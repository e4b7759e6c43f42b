import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { getApplianceDetail } from '@/lib/catalog/get-appliance-detail';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { Stars } from '@/components/ui/stars';
import { safeHttpUrl } from '@/lib/http/safe-url';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatCount, formatDate, formatMemory } from '@/lib/format';

type Params = { publisher: string; slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { publisher, slug } = await params;
  const detail = await getApplianceDetail(await getActor(), publisher, slug);
  return detail ? { title: detail.name, description: detail.summary } : { title: 'Not found' };
}

const statusTone = { DRAFT: 'slate', IN_REVIEW: 'amber', PUBLISHED: 'green', REJECTED: 'red', UNLISTED: 'slate' } as const;

export default async function AppliancePage({ params }: { params: Promise<Params> }) {
  const { publisher, slug } = await params;
  const detail = await getApplianceDetail(await getActor(), publisher, slug);
  if (!detail) notFound();
  const latest = detail.versions.find((v) => v.status === 'RELEASED');

  return (
    <div className="space-y-8">
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
            <Link href="/browse" className="hover:text-slate-800">Browse</Link>
            {detail.category && (
              <>
                {' / '}
                <Link href={`/browse?category=${detail.category.slug}`} className="hover:text-slate-800">
                  {detail.category.name}
                </Link>
              </>
            )}
          </nav>
          <h1 className="text-3xl font-bold tracking-tight">{detail.name}</h1>
          <p className="mt-1 font-mono text-sm text-slate-500">
            {detail.publisher.handle}/{detail.slug}
          </p>
          <p className="mt-3 max-w-3xl text-lg text-slate-600">{detail.summary}</p>
          <div className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-600">
            <span>
              by <span className="font-medium text-slate-900">{detail.publisher.displayName}</span>
            </span>
            <Stars value={detail.ratingAvg} count={detail.ratingCount} />
            <span>⬇ {formatCount(detail.downloadCount)} downloads</span>
            {detail.license && <Badge>{detail.license}</Badge>}
            {detail.status !== 'PUBLISHED' && <Badge tone={statusTone[detail.status]}>{detail.status.replace('_', ' ').toLowerCase()}</Badge>}
          </div>
          {detail.awards.length > 0 && (
            <ul className="mt-4 flex flex-wrap gap-2" aria-label="Awards">
              {detail.awards.map((a) => (
                <li key={`${a.challenge.slug}-${a.title}`}>
                  <Link href={`/challenges/${a.challenge.slug}/results`}>
                    <Badge tone="amber" className="text-sm">
                      🏆 {a.title} · {a.challenge.title}
                    </Badge>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      {detail.reviewNote && detail.viewer.privileged && (
        <p role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          Moderator note: {detail.reviewNote}
        </p>
      )}

      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-8">
          <Card className="p-6">
            {detail.description ? <Markdown>{detail.description}</Markdown> : <p className="text-slate-500">No description yet.</p>}
          </Card>

          <Card>
            <CardHeader title="Versions and files" description="Every file is inspected and its SHA-256 verified before anyone can download it." />
            <div className="divide-y divide-slate-100">
              {detail.versions.map((v) => (
                <section key={v.id} className="px-5 py-4" aria-label={`Version ${v.version}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-semibold">{v.version}</h3>
                    {v.status === 'REVOKED' && <Badge tone="red">revoked</Badge>}
                    {v.status === 'DRAFT' && <Badge>draft</Badge>}
                    {v === latest && <Badge tone="green">latest</Badge>}
                    <span className="text-sm text-slate-500">{formatDate(v.releasedAt)}</span>
                  </div>
                  {v.revokeReason && <p className="mt-1 text-sm text-red-700">Revoked: {v.revokeReason}</p>}
                  {v.changelog && <Markdown className="mt-2 text-sm">{v.changelog}</Markdown>}
                  {v.files.length > 0 && (
                    <div className="mt-3 overflow-x-auto">
                      <table className="w-full text-left text-sm">
                        <thead className="text-xs text-slate-500 uppercase">
                          <tr>
                            <th className="py-1 pr-4 font-medium">Format</th>
                            <th className="py-1 pr-4 font-medium">Arch</th>
                            <th className="py-1 pr-4 font-medium">Size</th>
                            <th className="py-1 pr-4 font-medium">SHA-256</th>
                            <th className="py-1 font-medium"><span className="sr-only">Download</span></th>
                          </tr>
                        </thead>
                        <tbody>
                          {v.files.map((f) => (
                            <tr key={f.id} className="border-t border-slate-100">
                              <td className="py-2 pr-4">
                                {FORMAT_LABELS[f.format] ?? f.format}
                                {f.provider ? ` (${f.provider})` : ''}
                                {f.status !== 'VERIFIED' && (
                                  <Badge tone={f.status === 'REJECTED' ? 'red' : 'amber'} className="ml-2">
                                    {f.status.toLowerCase()}
                                  </Badge>
                                )}
                              </td>
                              <td className="py-2 pr-4">{ARCH_LABELS[f.architecture]}</td>
                              <td className="py-2 pr-4 whitespace-nowrap">{formatBytes(f.sizeBytes)}</td>
                              <td className="py-2 pr-4 font-mono text-xs break-all text-slate-600">{f.sha256 ?? '—'}</td>
                              <td className="py-2 text-right">
                                {f.downloadable && (
                                  <a href={`/api/v1/files/${f.id}/download`} className="font-medium text-brand-700 hover:underline">
                                    Download
                                  </a>
                                )}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </section>
              ))}
              {detail.versions.length === 0 && <p className="px-5 py-6 text-sm text-slate-500">No released versions yet.</p>}
            </div>
          </Card>
        </div>

        <aside className="space-y-6">
          <Card>
            <CardHeader title="Requirements" />
            <dl className="grid grid-cols-2 gap-x-4 gap-y-3 px-5 py-4 text-sm">
              <dt className="text-slate-500">CPUs</dt>
              <dd>{detail.requirements.cpus ?? '—'}</dd>
              <dt className="text-slate-500">Memory</dt>
              <dd>{formatMemory(detail.requirements.memoryMiB)}</dd>
              <dt className="text-slate-500">Disk</dt>
              <dd>{formatBytes(detail.requirements.diskBytes)}</dd>
              <dt className="text-slate-500">OS</dt>
              <dd>{detail.requirements.osName ?? detail.requirements.osFamily ?? '—'}</dd>
            </dl>
          </Card>
          <Card>
            <CardHeader title="Publisher" />
            <div className="px-5 py-4 text-sm">
              <p className="font-medium">{detail.publisher.displayName}</p>
              {detail.publisher.bio && <p className="mt-1 text-slate-600">{detail.publisher.bio}</p>}
              {safeHttpUrl(detail.homepage) && (
                <p className="mt-2">
                  <a href={safeHttpUrl(detail.homepage) ?? undefined} rel="nofollow noopener noreferrer" className="text-brand-700 hover:underline">
                    Homepage ↗
                  </a>
                </p>
              )}
            </div>
          </Card>
          {detail.tags.length > 0 && (
            <div className="flex flex-wrap gap-1.5">
              {detail.tags.map((t) => (
                <Badge key={t}>#{t}</Badge>
              ))}
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}

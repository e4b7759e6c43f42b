import type { Metadata } from 'next';
import { getOpenApiDocument } from '@/lib/core/api/openapi';
import { publicUrl } from '@/lib/config/env';
import { cn } from '@/components/ui/cn';
import { CopyButton } from '@/components/catalog/copy-button';
import { Markdown } from '@/components/ui/markdown';
import { METHODS, exampleOf, resolveSchema, type Document, type OperationObject } from './openapi-types';
import { SchemaTable, TypeCell } from './schema-table';
import { ApiSearch } from './api-search';

export const metadata: Metadata = { title: 'API reference', description: 'The Appliance Exchange REST API: search, listings, files, downloads, reviews, Vagrant catalog, publishing.' };

const METHOD_TONE: Record<string, string> = {
  get: 'bg-sky-100 text-sky-800 ring-sky-200',
  post: 'bg-emerald-100 text-emerald-800 ring-emerald-200',
  put: 'bg-amber-100 text-amber-800 ring-amber-200',
  patch: 'bg-amber-100 text-amber-800 ring-amber-200',
  delete: 'bg-red-100 text-red-800 ring-red-200',
  head: 'bg-slate-100 text-slate-700 ring-slate-200',
};

interface Op {
  method: string;
  path: string;
  op: OperationObject;
  anchor: string;
}

function operations(doc: Document): Op[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method], anchor: item[method].operationId ?? `${method}-${path}`.replace(/[^\w-]+/g, '-') })),
  );
}

/** What the reference's search box matches an operation by, lower-cased. */
function searchTextOf(o: Op): string {
  return [o.method, o.path, o.op.summary, o.op.operationId, ...(o.op.tags ?? []), o.op.description?.slice(0, 400)].filter(Boolean).join(' ').toLowerCase();
}

function MethodBadge({ method }: { method: string }) {
  return <span className={cn('inline-flex w-14 justify-center rounded px-1.5 py-0.5 font-mono text-[11px] font-bold uppercase ring-1 ring-inset', METHOD_TONE[method])}>{method}</span>;
}

function curlFor(base: string, o: Op, doc: Document): string {
  const path = o.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = o.op.parameters?.find((x) => x.in === 'path' && x.name === name);
    return String(p?.schema?.example ?? `<${name}>`);
  });
  const lines = [`curl${o.method === 'get' ? '' : ` -X ${o.method.toUpperCase()}`} '${base}${path}'`];
  if (o.op.security?.some((s) => 'bearer' in s)) lines.push(`  -H 'Authorization: Bearer apx_…'`);
  const body = o.op.requestBody?.content?.['application/json']?.schema;
  if (body) {
    lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  -d '${JSON.stringify(exampleOf(doc, body))}'`);
  }
  if (o.method === 'get' && o.path.endsWith('/download')) lines[0] = lines[0].replace('curl', 'curl -L -O -J');
  return lines.join(' \\\n');
}

function Operation({ o, doc, base }: { o: Op; doc: Document; base: string }) {
  const params = o.op.parameters ?? [];
  const body = o.op.requestBody?.content?.['application/json']?.schema;
  const success = Object.entries(o.op.responses).find(([code]) => /^[23]/.test(code));
  const successSchema = success?.[1].content?.['application/json']?.schema;
  const errors = Object.entries(o.op.responses).filter(([code]) => !/^[23]/.test(code));
  const curl = curlFor(base, o, doc);
  const auth = o.op.security?.some((s) => Object.keys(s).length === 0) ? 'Anonymous or bearer token' : o.op.security?.length ? 'Bearer token or session required' : 'None';
  return (
    <article id={o.anchor} className="scroll-mt-24 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid={`op-${o.anchor}`} data-api-op="" data-api-search={searchTextOf(o)}>
      <header className="border-b border-slate-100 px-5 py-4">
        <h3 className="flex flex-wrap items-center gap-3">
          <MethodBadge method={o.method} />
          <code className="font-mono text-sm font-semibold break-all text-slate-900">{o.path}</code>
        </h3>
        {o.op.summary && <p className="mt-2 font-medium text-slate-900">{o.op.summary}</p>}
        {o.op.description && <Markdown className="mt-1 text-sm [&_p]:my-1">{o.op.description}</Markdown>}
        <p className="mt-2 text-xs text-slate-500">
          Auth: {auth}
          {o.op.operationId && (
            <>
              {' '}
              · operationId <code className="font-mono">{o.op.operationId}</code>
            </>
          )}
        </p>
      </header>
      <div className="grid gap-6 px-5 py-4 xl:grid-cols-2">
        <div className="min-w-0 space-y-5">
          {params.length > 0 && (
            <section>
              <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Parameters</h4>
              <div className="relative overflow-x-auto rounded-lg ring-1 ring-slate-200" tabIndex={0} role="region" aria-label={`Parameters of ${o.method.toUpperCase()} ${o.path}`}>
                <table className="w-full text-left text-sm">
                  <tbody className="divide-y divide-slate-100">
                    {params.map((p) => (
                      <tr key={`${p.in}-${p.name}`} className="align-top">
                        <td className="px-3 py-1.5 whitespace-nowrap">
                          <code className="font-mono text-xs text-slate-900">{p.name}</code>
                          {p.required && <span className="ml-1 text-xs text-red-600">required</span>}
                          <div className="text-[11px] text-slate-600">{p.in}</div>
                        </td>
                        <td className="px-3 py-1.5">{p.schema && <TypeCell schema={p.schema} />}</td>
                        <td className="px-3 py-1.5 text-slate-600">
                          {p.description ?? p.schema?.description}
                          {p.schema?.example !== undefined && (
                            <span className="ml-1 text-xs text-slate-600">
                              e.g. <code className="font-mono">{String(p.schema.example)}</code>
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          {body && (
            <section>
              <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Request body · application/json</h4>
              <SchemaTable schema={resolveSchema(doc, body) ?? body} label={`Request body of ${o.method.toUpperCase()} ${o.path}`} />
            </section>
          )}
          <section>
            <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Responses</h4>
            <ul className="space-y-1.5 text-sm">
              {Object.entries(o.op.responses).map(([code, r]) => {
                const schema = r.content ? Object.values(r.content)[0]?.schema : undefined;
                return (
                  <li key={code} className="flex flex-wrap items-baseline gap-2">
                    <code className={cn('rounded px-1.5 font-mono text-xs font-semibold', code.startsWith('2') || code.startsWith('3') ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700')}>{code}</code>
                    <span className="text-slate-700">{r.description}</span>
                    {schema && <TypeCell schema={schema} />}
                  </li>
                );
              })}
            </ul>
            {errors.length > 0 && <p className="mt-2 text-xs text-slate-500">Errors are application/problem+json.</p>}
          </section>
        </div>
        <div className="min-w-0 space-y-4">
          <section>
            <div className="mb-2 flex items-center justify-between">
              <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Example request</h4>
              <CopyButton text={curl} label="Copy the curl command" />
            </div>
            <pre className="rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100">{curl}</pre>
          </section>
          {successSchema && (
            <section>
              <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Example response · {success?.[0]}</h4>
              <pre className="rounded-lg bg-slate-50 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200">
                {JSON.stringify(exampleOf(doc, successSchema), null, 2)}
              </pre>
            </section>
          )}
        </div>
      </div>
    </article>
  );
}

export default function ApiDocsPage() {
  const doc = JSON.parse(JSON.stringify(getOpenApiDocument())) as Document;
  const base = publicUrl();
  const ops = operations(doc);
  const tags = [...(doc.tags ?? []), ...[...new Set(ops.flatMap((o) => o.op.tags ?? ['Other']))].filter((t) => !doc.tags?.some((d) => d.name === t)).map((name) => ({ name, description: undefined }))];
  const byTag = (tag: string) => ops.filter((o) => (o.op.tags ?? ['Other']).includes(tag));
  const schemas = Object.entries(doc.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));

  return (
    <div className="grid grid-cols-1 gap-10 lg:grid-cols-[15rem_minmax(0,1fr)]">
      {/* Below the wide layout the contents are a short scrolling box, so the reference itself starts on the first screen. */}
      <aside className="max-lg:max-h-64 max-lg:overflow-y-auto max-lg:rounded-xl max-lg:border max-lg:border-slate-200 max-lg:bg-white max-lg:p-4 lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:self-start lg:overflow-y-auto">
        <div className="mb-5">
          <ApiSearch total={ops.length} />
        </div>
        <nav aria-label="API reference" className="space-y-5 text-sm">
          <a href="#overview" className="block font-medium text-slate-900 hover:text-brand-700">
            Overview
          </a>
          {tags.map((t) =>
            byTag(t.name).length ? (
              <div key={t.name} data-api-nav-group="">
                <a href={`#tag-${t.name}`} className="mb-1 block text-xs font-semibold tracking-wide text-slate-500 uppercase hover:text-slate-800">
                  {t.name}
                </a>
                <ul className="space-y-0.5">
                  {byTag(t.name).map((o) => (
                    <li key={o.anchor} data-api-nav="" data-api-search={searchTextOf(o)}>
                      <a href={`#${o.anchor}`} className="flex items-start gap-2 rounded px-1 py-0.5 text-slate-700 hover:bg-slate-100">
                        <span className={cn('w-10 shrink-0 pt-0.5 font-mono text-[10px] font-bold uppercase', METHOD_TONE[o.method].split(' ')[1])}>{o.method}</span>
                        <span className="min-w-0 break-words">{o.op.summary ?? o.path}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
          <a href="#schemas" className="block font-medium text-slate-900 hover:text-brand-700">
            Schemas
          </a>
        </nav>
      </aside>

      <div className="min-w-0 space-y-12">
        <section id="overview" className="scroll-mt-24">
          <p className="text-sm font-medium text-brand-700">Reference · v{doc.info.version}</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">{doc.info.title}</h1>
          {doc.info.description && <Markdown className="mt-3 max-w-3xl text-slate-600">{doc.info.description}</Markdown>}
          <dl className="mt-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {[
              ['Base URL', <code key="b" className="font-mono text-sm break-all">{base}</code>],
              ['Authentication', <span key="a">Bearer token from <a className="text-brand-700 underline underline-offset-2 hover:text-brand-900" href="/account/tokens">Account → API tokens</a>, scopes <code className="font-mono">read</code> and <code className="font-mono">publish</code></span>],
              ['Errors', <span key="e">RFC 9457 <code className="font-mono">application/problem+json</code> with a stable <code className="font-mono">code</code></span>],
              ['Machine-readable', <a key="o" className="text-brand-700 underline underline-offset-2 hover:text-brand-900" href="/api/v1/openapi.json">OpenAPI 3.1 JSON</a>],
            ].map(([term, value], i) => (
              <div key={i} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{term}</dt>
                <dd className="mt-1 text-sm text-slate-700">{value}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-700 shadow-sm">
            <h2 className="font-semibold text-slate-900">Pagination</h2>
            <p className="mt-1">
              Lists answer <code className="font-mono">{'{ items, nextCursor }'}</code>. Pass <code className="font-mono">nextCursor</code> back as <code className="font-mono">cursor</code> for the next page until it is <code className="font-mono">null</code>. Cursors are opaque: do not build them.
            </p>
            <h2 className="mt-4 font-semibold text-slate-900">Visibility</h2>
            <p className="mt-1">Unpublished listings and unverified or revoked files answer 404 to everyone but their owner, judges assigned to them and admins — never 403, so their existence stays private.</p>
          </div>
        </section>

        {tags.map((t) =>
          byTag(t.name).length ? (
            <details key={t.name} id={`tag-${t.name}`} open className="group scroll-mt-24" data-api-tag="">
              <summary className="cursor-pointer list-none rounded-lg py-1 [&::-webkit-details-marker]:hidden">
                <h2 id={`tag-${t.name}-heading`} className="flex items-center gap-2 text-xl font-semibold text-slate-900">
                  <span aria-hidden className="inline-block text-sm text-slate-500 transition-transform group-open:rotate-90">▶</span>
                  {t.name}
                  <span className="text-sm font-normal text-slate-600" data-api-tag-count={byTag(t.name).length}>
                    {byTag(t.name).length} {byTag(t.name).length === 1 ? 'operation' : 'operations'}
                  </span>
                </h2>
              </summary>
              <div className="mt-2 space-y-4">
                {t.description && <Markdown className="text-sm [&_p]:my-1">{t.description}</Markdown>}
                {byTag(t.name).map((o) => (
                  <Operation key={o.anchor} o={o} doc={doc} base={base} />
                ))}
              </div>
            </details>
          ) : null,
        )}

        <section id="schemas" aria-labelledby="schemas-heading" className="scroll-mt-24 space-y-4">
          <h2 id="schemas-heading" className="text-xl font-semibold text-slate-900">
            Schemas
          </h2>
          {schemas.map(([name, schema]) => (
            <div key={name} id={`schema-${name}`} className="scroll-mt-24 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <h3 className="font-mono text-sm font-semibold text-slate-900">{name}</h3>
              {schema.description && <p className="mt-1 mb-3 text-sm text-slate-600">{schema.description}</p>}
              <div className="mt-2">
                <SchemaTable schema={schema} label={`Fields of ${name}`} />
              </div>
            </div>
          ))}
        </section>
      </div>
    </div>
  );
}

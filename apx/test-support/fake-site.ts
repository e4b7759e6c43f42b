import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspectStream } from '@/lib/core/inspect';
import { signatureOf, type FileSignature } from '@/lib/core/files/file-signature';
import { planLaunch, renderPlan, type LaunchFileFormat, type Player } from '@/lib/core/launch';

/**
 * A small stand-in for the site's /api/v1, built from the API contract the CLI codes against:
 * catalog reads, the download hand-off (302 to an "object store" on another origin that honours
 * Range), the launch text, publishing and multipart uploads, and verification by the real
 * inspector. Tests read `requests` to see what the client sent.
 */

export interface FakeFile {
  id: string;
  versionId: string;
  format: LaunchFileFormat;
  architecture: string;
  provider: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
  status: 'UPLOADING' | 'PENDING' | 'VERIFIED' | 'REJECTED';
  diskNames?: string[];
  hardware: { cpus: number | null; memoryMiB: number | null };
  rejectReason?: string;
  rejectCode?: string;
  signature?: FileSignature | null;
}

export interface FakeVersion {
  id: string;
  applianceId: string;
  version: string;
  status: 'DRAFT' | 'RELEASED' | 'REVOKED';
  files: FakeFile[];
}

export interface FakeAppliance {
  id: string;
  publisher: string;
  ownerToken?: string;
  slug: string;
  name: string;
  summary: string;
  homepage?: string;
  status: 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'REJECTED';
  requirements: { cpus: number | null; memoryMiB: number | null };
  versions: FakeVersion[];
}

interface FakeUpload {
  id: string;
  fileId: string;
  token: string;
  size: number;
  parts: Map<number, { bytes: Buffer; etag: string }>;
  state: 'ACTIVE' | 'COMPLETED' | 'ABORTED';
}

export interface RecordedRequest {
  method: string;
  path: string;
  host: string;
  headers: http.IncomingHttpHeaders;
}

export interface FakeSiteOptions {
  /** Bytes per multipart part (S3 needs ≥ 5 MiB; the fake does not). */
  partSize?: number;
}

const id = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export class FakeSite {
  readonly appliances: FakeAppliance[] = [];
  readonly tokens = new Map<string, { scopes: string[]; publisher: string | null }>();
  readonly uploads = new Map<string, FakeUpload>();
  readonly requests: RecordedRequest[] = [];
  /** Object bytes served by the fake object store, by file id (a test can replace them: "corruption"). */
  readonly objects = new Map<string, Buffer>();
  /** The object store ignores Range headers (answers 200 with everything). */
  ignoreRange = false;
  /** The object store drops the connection after this many body bytes, once. */
  dropAfterBytes: number | null = null;
  /** Verification verdicts forced by a test, by file name. */
  forceReject = new Map<string, string>();
  partSize: number;
  /** The owner's listing (GET /publish/appliances/{id}) carries its versions with ids; the real one does not (yet). */
  listingVersions = false;
  private server = http.createServer((req, res) => {
    this.handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Internal', status: 500, detail: String(e) }));
    });
  });
  port = 0;

  constructor(options: FakeSiteOptions = {}) {
    this.partSize = options.partSize ?? 64 * 1024;
  }

  /** The API at 127.0.0.1; the object store at localhost (another origin, as S3 is). */
  get site(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get objectStore(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addToken(scopes: string[], publisher: string | null = 'fixture-pub'): string {
    const token = `apx_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, { scopes, publisher });
    return token;
  }

  /** A published appliance with one released version holding the given files (verified). */
  addPublished(input: {
    publisher: string;
    slug: string;
    name: string;
    summary?: string;
    version: string;
    requirements?: { cpus: number | null; memoryMiB: number | null };
    files: { format: LaunchFileFormat; fileName: string; bytes: Uint8Array; architecture?: string; diskNames?: string[]; provider?: string; signature?: FileSignature }[];
  }): FakeAppliance {
    const appliance: FakeAppliance = {
      id: id('app'),
      publisher: input.publisher,
      slug: input.slug,
      name: input.name,
      summary: input.summary ?? '',
      status: 'PUBLISHED',
      requirements: input.requirements ?? { cpus: 1, memoryMiB: 64 },
      versions: [],
    };
    const version: FakeVersion = { id: id('ver'), applianceId: appliance.id, version: input.version, status: 'RELEASED', files: [] };
    for (const f of input.files) {
      const bytes = Buffer.from(f.bytes);
      const file: FakeFile = {
        id: id('file'),
        versionId: version.id,
        format: f.format,
        architecture: f.architecture ?? 'amd64',
        provider: f.provider ?? '',
        fileName: f.fileName,
        bytes,
        sha256: sha256(bytes),
        status: 'VERIFIED',
        diskNames: f.diskNames,
        hardware: appliance.requirements,
        signature: f.signature ?? null,
      };
      version.files.push(file);
      this.objects.set(file.id, bytes);
    }
    appliance.versions.push(version);
    this.appliances.push(appliance);
    return appliance;
  }

  allFiles(): FakeFile[] {
    return this.appliances.flatMap((a) => a.versions.flatMap((v) => v.files));
  }

  private findFile(fileId: string) {
    for (const appliance of this.appliances) {
      for (const version of appliance.versions) {
        const file = version.files.find((f) => f.id === fileId);
        if (file) return { appliance, version, file };
      }
    }
    return null;
  }

  fileJson(file: FakeFile, owner = false) {
    const found = this.findFile(file.id);
    return {
      ...(found
        ? {
            version: found.version.version,
            versionStatus: found.version.status,
            appliance: { publisher: found.appliance.publisher, slug: found.appliance.slug, name: found.appliance.name, status: found.appliance.status },
          }
        : {}),
      id: file.id,
      format: file.format,
      architecture: file.architecture,
      provider: file.provider,
      fileName: file.fileName,
      sizeBytes: file.bytes.length,
      sha256: file.status === 'VERIFIED' ? file.sha256 : null,
      status: file.status,
      diskNames: file.diskNames,
      hardware: file.hardware,
      signature: file.status === 'VERIFIED' ? (file.signature ?? null) : null,
      ...(owner ? { rejectReason: file.rejectReason ?? null, rejectCode: file.rejectCode ?? null } : {}),
    };
  }

  private applianceJson(a: FakeAppliance) {
    const released = a.versions.filter((v) => v.status === 'RELEASED');
    return {
      id: a.id,
      name: a.name,
      slug: a.slug,
      publisher: { handle: a.publisher, displayName: a.publisher },
      summary: a.summary,
      status: a.status,
      homepage: a.homepage ?? null,
      formats: [...new Set(released.flatMap((v) => v.files.map((f) => f.format)))],
      latestVersion: released.at(-1)?.version ?? null,
      requirements: a.requirements,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, host: req.headers.host ?? '', headers: req.headers });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const problem = (status: number, detail: string, code?: string) => {
      res.writeHead(status, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: http.STATUS_CODES[status], status, detail, code }));
    };
    const body = async (): Promise<Record<string, unknown>> => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    const raw = async (): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };

    // The object store: another origin, no bearer token, Range honoured.
    if (url.pathname.startsWith('/s3/')) {
      const bytes = this.objects.get(url.pathname.slice(4));
      if (!bytes) return problem(404, 'NoSuchKey');
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      let start = 0;
      if (range && !this.ignoreRange) {
        start = Number(range[1]);
        if (start >= bytes.length) {
          res.writeHead(416, { 'content-range': `bytes */${bytes.length}` });
          return void res.end();
        }
        res.writeHead(206, { 'content-length': String(bytes.length - start), 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`, 'accept-ranges': 'bytes' });
      } else {
        res.writeHead(200, { 'content-length': String(bytes.length), 'accept-ranges': 'bytes' });
      }
      const body = bytes.subarray(start);
      if (this.dropAfterBytes !== null && this.dropAfterBytes < body.length) {
        const cut = this.dropAfterBytes;
        this.dropAfterBytes = null;
        res.write(body.subarray(0, cut), () => res.socket?.destroy());
        return;
      }
      return void res.end(body);
    }
    if (url.pathname.startsWith('/s3-part/') && req.method === 'PUT') {
      const [, , uploadId, n] = url.pathname.split('/');
      const upload = this.uploads.get(uploadId);
      if (!upload || upload.state !== 'ACTIVE') return problem(404, 'NoSuchUpload');
      const bytes = await raw();
      const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
      upload.parts.set(Number(n), { bytes, etag });
      res.writeHead(200, { etag });
      return void res.end();
    }

    // Authentication, as lib/server/http/authenticate.ts: a bad bearer token is an error, never anonymous.
    const header = req.headers.authorization;
    let token: string | null = null;
    if (header) {
      token = /^Bearer (\S+)$/.exec(header)?.[1] ?? null;
      if (!token || !this.tokens.has(token)) return problem(401, 'The API token is invalid, expired or revoked.', 'UNAUTHENTICATED');
    }
    const caller = token ? this.tokens.get(token)! : null;
    const needPublish = () => {
      if (!caller) {
        problem(401, 'Please sign in first.', 'UNAUTHENTICATED');
        return false;
      }
      if (!caller.scopes.includes('publish')) {
        problem(403, 'This token lacks the "publish" scope.', 'FORBIDDEN');
        return false;
      }
      return true;
    };
    const visible = (a: FakeAppliance) => a.status === 'PUBLISHED' || (!!caller && a.publisher === caller.publisher);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const m = (pattern: string) => {
      const p = pattern.split('/').filter(Boolean);
      if (p.length !== parts.length) return null;
      const params: Record<string, string> = {};
      for (let i = 0; i < p.length; i++) {
        if (p[i].startsWith(':')) params[p[i].slice(1)] = parts[i];
        else if (p[i] !== parts[i]) return null;
      }
      return params;
    };
    const method = req.method ?? 'GET';
    let p: Record<string, string> | null;

    // As the catalog routes: a token must have the read scope.
    if (caller && !caller.scopes.includes('read') && method === 'GET' && url.pathname.startsWith('/api/v1/') && !url.pathname.startsWith('/api/v1/publish') && !url.pathname.startsWith('/api/v1/uploads')) {
      return problem(403, 'This token lacks the "read" scope.', 'FORBIDDEN');
    }
    if (method === 'GET' && m('/api/v1/appliances')) {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const format = url.searchParams.get('format');
      const items = this.appliances
        .filter((a) => a.status === 'PUBLISHED')
        .filter((a) => !q || `${a.name} ${a.slug} ${a.summary}`.toLowerCase().includes(q))
        .map((a) => this.applianceJson(a))
        .filter((a) => !format || a.formats.includes(format as LaunchFileFormat))
        .slice(0, Number(url.searchParams.get('limit') ?? 20));
      return send(200, { items, nextCursor: null, facets: {} });
    }
    if (method === 'GET' && (p = m('/api/v1/appliances/:publisher/:slug'))) {
      const a = this.appliances.find((x) => x.publisher === p!.publisher && x.slug === p!.slug);
      if (!a || !visible(a)) return problem(404, 'That appliance does not exist or is not visible to you.', 'NOT_FOUND');
      // As the catalog API: no versions inline, a link to them.
      return send(200, { ...this.applianceJson(a), links: { versions: `${this.site}/api/v1/appliances/${a.publisher}/${a.slug}/versions` } });
    }
    if (method === 'GET' && (p = m('/api/v1/appliances/:publisher/:slug/versions'))) {
      const a = this.appliances.find((x) => x.publisher === p!.publisher && x.slug === p!.slug);
      if (!a || !visible(a)) return problem(404, 'Not found', 'NOT_FOUND');
      const owner = !!caller && caller.publisher === a.publisher;
      const items = a.versions
        .filter((v) => owner || v.status !== 'DRAFT')
        .map((v) => ({ version: v.version, status: v.status, changelog: '', releasedAt: null, files: `${this.site}/api/v1/appliances/${a.publisher}/${a.slug}/versions/${v.version}/files` }))
        .reverse();
      return send(200, { items, nextCursor: null });
    }
    if (method === 'GET' && (p = m('/api/v1/appliances/:publisher/:slug/versions/:version/files'))) {
      const a = this.appliances.find((x) => x.publisher === p!.publisher && x.slug === p!.slug);
      const v = a?.versions.find((x) => x.version === p!.version);
      if (!a || !v || !visible(a)) return problem(404, 'Not found', 'NOT_FOUND');
      const owner = !!caller && caller.publisher === a.publisher;
      // A lighter list than GET /files/{id} (no disk names, no hardware): the client must read what it needs.
      return send(200, {
        items: v.files
          .filter((f) => owner || f.status === 'VERIFIED')
          .map((f) => {
            const { diskNames: _disks, hardware: _hardware, ...rest } = this.fileJson(f, owner);
            return rest;
          }),
      });
    }
    if (method === 'GET' && (p = m('/api/v1/files/:id'))) {
      const found = this.findFile(p.id);
      if (!found || !visible(found.appliance)) return problem(404, 'Not found', 'NOT_FOUND');
      return send(200, this.fileJson(found.file, !!caller && caller.publisher === found.appliance.publisher));
    }
    if (method === 'GET' && (p = m('/api/v1/files/:id/download'))) {
      const found = this.findFile(p.id);
      if (!found || !visible(found.appliance)) return problem(404, 'Not found', 'NOT_FOUND');
      res.writeHead(302, { location: `${this.objectStore}/s3/${found.file.id}?X-Amz-Signature=${randomBytes(8).toString('hex')}` });
      return void res.end();
    }
    if (method === 'GET' && (p = m('/api/v1/files/:id/launch'))) {
      const found = this.findFile(p.id);
      if (!found || !visible(found.appliance)) return problem(404, 'Not found', 'NOT_FOUND');
      const { appliance, version, file } = found;
      const plan = planLaunch(
        {
          siteUrl: this.site,
          publisher: appliance.publisher,
          appliance: appliance.slug,
          version: version.version,
          file: { id: file.id, format: file.format, fileName: file.fileName, sha256: file.sha256, architecture: file.architecture as 'amd64', provider: file.provider || null, diskNames: file.diskNames },
          hardware: file.hardware,
        },
        (url.searchParams.get('player') ?? 'qemu') as Player,
      );
      return send(200, { plan, text: renderPlan(plan) });
    }

    // Publishing.
    if (url.pathname.startsWith('/api/v1/publish') || url.pathname.startsWith('/api/v1/uploads')) {
      if (!needPublish()) return;
      if (!caller!.publisher) return problem(403, 'Create a publisher profile first.', 'FORBIDDEN');
    }
    const own = (applianceId: string) => this.appliances.find((a) => a.id === applianceId && a.publisher === caller?.publisher);
    const listing = (a: FakeAppliance) => ({
      id: a.id,
      publisher: a.publisher,
      slug: a.slug,
      name: a.name,
      summary: a.summary,
      description: '',
      homepage: a.homepage ?? null,
      status: a.status,
      reviewNote: null,
      latestVersion: a.versions.filter((v) => v.status === 'RELEASED').at(-1)?.version ?? null,
      ...(this.listingVersions ? { versions: a.versions.map((v) => ({ id: v.id, version: v.version, status: v.status })) } : {}),
    });
    if (method === 'GET' && m('/api/v1/publish/appliances')) {
      // As the real list: a summary of each listing, without summary text or homepage.
      return send(200, {
        items: this.appliances
          .filter((a) => a.publisher === caller!.publisher)
          .map((a) => ({ id: a.id, publisher: a.publisher, slug: a.slug, name: a.name, status: a.status, latestVersion: listing(a).latestVersion, reviewNote: null })),
      });
    }
    if (method === 'GET' && (p = m('/api/v1/publish/appliances/:id'))) {
      const a = own(p.id);
      if (!a) return problem(404, 'Not found', 'NOT_FOUND');
      return send(200, listing(a));
    }
    if (method === 'POST' && m('/api/v1/publish/appliances')) {
      const input = await body();
      const slug = String(input.slug ?? '');
      if (!/^[a-z0-9][a-z0-9-]{1,59}$/.test(slug)) return send(422, { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'The request did not validate.', code: 'INVALID', errors: { slug: 'Use lowercase letters, digits and dashes.' } });
      if (this.appliances.some((a) => a.publisher === caller!.publisher && a.slug === slug)) return problem(409, 'This name is taken.', 'CONFLICT');
      const appliance: FakeAppliance = {
        id: id('app'),
        publisher: caller!.publisher!,
        slug,
        name: String(input.name ?? slug),
        summary: String(input.summary ?? ''),
        homepage: typeof input.homepage === 'string' ? input.homepage : undefined,
        status: 'DRAFT',
        requirements: { cpus: null, memoryMiB: null },
        versions: [],
      };
      this.appliances.push(appliance);
      return send(201, { id: appliance.id, publisher: appliance.publisher, slug, status: appliance.status });
    }
    if (method === 'PATCH' && (p = m('/api/v1/publish/appliances/:id'))) {
      const a = own(p.id);
      if (!a) return problem(404, 'Not found', 'NOT_FOUND');
      const input = await body();
      if (typeof input.summary === 'string') a.summary = input.summary;
      if (typeof input.homepage === 'string') a.homepage = input.homepage;
      return send(200, { id: a.id, slug: a.slug, status: a.status });
    }
    if (method === 'POST' && (p = m('/api/v1/publish/appliances/:id/versions'))) {
      const a = own(p.id);
      if (!a) return problem(404, 'Not found', 'NOT_FOUND');
      const input = await body();
      const version = String(input.version ?? '');
      if (a.versions.some((v) => v.version === version)) return problem(409, 'This version exists.', 'CONFLICT');
      const v: FakeVersion = { id: id('ver'), applianceId: a.id, version, status: 'DRAFT', files: [] };
      a.versions.push(v);
      return send(201, { id: v.id, version, status: v.status });
    }
    if (method === 'POST' && (p = m('/api/v1/publish/versions/:id/release'))) {
      const v = this.appliances.filter((a) => a.publisher === caller!.publisher).flatMap((a) => a.versions).find((x) => x.id === p!.id);
      if (!v) return problem(404, 'Not found', 'NOT_FOUND');
      if (!v.files.some((f) => f.status === 'VERIFIED')) return problem(409, 'Release needs a verified file.', 'CONFLICT');
      if (v.status === 'RELEASED') return problem(409, `Version ${v.version} is already released.`, 'CONFLICT');
      v.status = 'RELEASED';
      return send(200, { id: v.id, version: v.version, status: v.status });
    }
    if (method === 'POST' && (p = m('/api/v1/publish/appliances/:id/submit'))) {
      const a = own(p.id);
      if (!a) return problem(404, 'Not found', 'NOT_FOUND');
      if (a.status === 'IN_REVIEW' || a.status === 'PUBLISHED') return problem(409, 'No review needed.', 'CONFLICT');
      if (!a.summary.trim()) return problem(409, 'Not ready for review yet: Write a one-line summary.', 'CONFLICT');
      if (!a.versions.some((v) => v.status === 'RELEASED' && v.files.some((f) => f.status === 'VERIFIED'))) return problem(409, 'Not ready for review yet: Release a version.', 'CONFLICT');
      a.status = 'IN_REVIEW';
      return send(200, listing(a));
    }
    if (method === 'POST' && m('/api/v1/uploads')) {
      const input = await body();
      const v = this.appliances.filter((a) => a.publisher === caller!.publisher).flatMap((a) => a.versions).find((x) => x.id === input.versionId);
      if (!v) return problem(404, 'Not found', 'NOT_FOUND');
      const format = String(input.format) as LaunchFileFormat;
      const architecture = String(input.architecture);
      if (!['AMD64', 'ARM64', 'I386'].includes(architecture)) {
        return send(422, { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'The request did not validate.', code: 'INVALID', errors: { architecture: 'Invalid option' } });
      }
      const taken = v.files.find((f) => f.format === format && f.architecture === architecture);
      if (taken?.status === 'UPLOADING') return problem(409, `An unfinished upload of ${taken.fileName} holds the slot: resume it or discard it first.`, 'CONFLICT');
      if (taken && taken.status !== 'REJECTED') return problem(409, `Version ${v.version} already has a file in that slot.`, 'CONFLICT');
      if (taken) v.files.splice(v.files.indexOf(taken), 1);
      const file: FakeFile = {
        id: id('file'),
        versionId: v.id,
        format,
        architecture,
        provider: String(input.provider ?? ''),
        fileName: String(input.fileName),
        bytes: Buffer.alloc(0),
        sha256: '',
        status: 'UPLOADING',
        hardware: { cpus: null, memoryMiB: null },
      };
      v.files.push(file);
      const upload: FakeUpload = { id: id('up'), fileId: file.id, token: token!, size: Number(input.size), parts: new Map(), state: 'ACTIVE' };
      this.uploads.set(upload.id, upload);
      return send(201, { uploadId: upload.id, fileId: file.id, key: `appliances/${v.applianceId}/${v.id}/${file.id}/${file.fileName}`, s3UploadId: randomBytes(8).toString('hex'), partSize: this.partSize, maxParts: 10000 });
    }
    if (method === 'GET' && m('/api/v1/uploads')) {
      const versionId = url.searchParams.get('versionId');
      const items = [...this.uploads.values()]
        .filter((u) => u.state === 'ACTIVE' && this.tokens.get(u.token)?.publisher === caller!.publisher)
        .map((u) => ({ u, file: this.findFile(u.fileId)!.file }))
        .filter(({ file }) => !versionId || file.versionId === versionId)
        .map(({ u, file }) => ({ uploadId: u.id, fileId: file.id, versionId: file.versionId, format: file.format, architecture: file.architecture, provider: file.provider, fileName: file.fileName, size: u.size, partSize: this.partSize, maxParts: Math.ceil(u.size / this.partSize) }));
      return send(200, { items });
    }
    const upload = (p = m('/api/v1/uploads/:id') ?? m('/api/v1/uploads/:id/parts') ?? m('/api/v1/uploads/:id/parts/:n') ?? m('/api/v1/uploads/:id/complete')) ? this.uploads.get(p.id) : undefined;
    if (p && (!upload || this.tokens.get(upload.token)?.publisher !== caller?.publisher)) return problem(404, 'Not found', 'NOT_FOUND');
    if (upload && upload.state !== 'ACTIVE' && method !== 'DELETE') return problem(410, 'The upload is over.', 'GONE');
    if (upload && method === 'GET' && m('/api/v1/uploads/:id/parts')) {
      return send(200, { parts: [...upload.parts.entries()].map(([n, part]) => ({ PartNumber: n, ETag: part.etag, Size: part.bytes.length })) });
    }
    if (upload && method === 'POST' && (p = m('/api/v1/uploads/:id/parts/:n'))) {
      return send(200, { url: `${this.objectStore}/s3-part/${upload.id}/${p.n}?X-Amz-Signature=x` });
    }
    if (upload && method === 'DELETE' && m('/api/v1/uploads/:id')) {
      upload.state = 'ABORTED';
      res.writeHead(204);
      return void res.end();
    }
    if (upload && method === 'POST' && m('/api/v1/uploads/:id/complete')) {
      const input = await body();
      const listed = (input.parts as { PartNumber: number; ETag: string }[]) ?? [];
      for (const part of listed) {
        if (upload.parts.get(part.PartNumber)?.etag !== part.ETag) return problem(422, `Part ${part.PartNumber} does not match.`, 'INVALID');
      }
      const bytes = Buffer.concat(listed.sort((a, b) => a.PartNumber - b.PartNumber).map((part) => upload.parts.get(part.PartNumber)!.bytes));
      upload.state = 'COMPLETED';
      const found = this.findFile(upload.fileId)!;
      found.file.bytes = bytes;
      found.file.status = 'PENDING';
      this.objects.set(found.file.id, bytes);
      void this.verify(found.file, String(input.sha256 ?? ''));
      return send(200, { fileId: found.file.id, status: 'PENDING' });
    }
    return problem(404, `No route ${method} ${url.pathname}`, 'NOT_FOUND');
  }

  /** Verification as the worker does it: the inspector over the stored bytes. */
  private async verify(file: FakeFile, clientSha256: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const report = await inspectStream((async function* () {
      yield file.bytes;
    })(), { fileName: file.fileName, declaredSize: file.bytes.length, expectedFormat: file.format, expectedSha256: clientSha256 || undefined });
    const forced = this.forceReject.get(file.fileName);
    file.sha256 = report.sha256 ?? '';
    if (forced || report.verdict === 'REJECTED') {
      file.status = 'REJECTED';
      file.rejectReason = forced ?? report.reason;
      file.rejectCode = forced ? 'FORCED' : report.code;
      return;
    }
    file.status = 'VERIFIED';
    file.diskNames = report.metadata.disks.map((d) => d.href).filter((h): h is string => !!h);
    file.hardware = { cpus: report.metadata.cpus ?? null, memoryMiB: report.metadata.memoryMiB ?? null };
    file.signature = signatureOf(report.metadata);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { applianceSchema, fileInfoSchema, fileListSchema, searchResponseSchema, versionListSchema } from '@/lib/core/catalog/api-schemas';
import { problemSchema } from '@/lib/core/http/problem-schema';
import type { FileSignature } from '@/lib/core/files/file-signature';
import { playersFor, type LaunchFileFormat } from '@/lib/core/launch';
import {
  completedUploadSchema,
  createdListingSchema,
  createdUploadSchema,
  createdVersionSchema,
  listingListSchema,
  signedPartSchema,
  uploadedPartsSchema,
} from '@/lib/core/publishing/api-schemas';

/**
 * The site as the real app cannot be made to behave on demand, for apx's unit tests: an object
 * store that cuts the connection, ignores Range, serves other bytes or answers 503; a hostile
 * server's file names and text; a verification verdict the test decides; a site that does not
 * tell a version's id. Tests read `requests` to see what the client sent. Everything else runs
 * against the real app (e2e/apx*.spec.ts). Every answer is parsed through the API's response
 * schemas in lib/core, so this double fails as soon as it drifts from the real API.
 */

export interface FaultFile {
  id: string;
  format: LaunchFileFormat;
  architecture: 'AMD64' | 'ARM64' | 'I386';
  fileName: string;
  sha256: string;
  sizeBytes: number;
  diskNames: string[];
  signature: FileSignature | null;
}

export interface FaultAppliance {
  id: string;
  publisher: string;
  slug: string;
  name: string;
  summary: string;
  version: string;
  files: FaultFile[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  host: string;
  headers: http.IncomingHttpHeaders;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const noFacets = { category: [], os: [], format: [], arch: [], license: [], release: [], minRam: [], maxSize: [] };

export class FaultSite {
  readonly appliances: FaultAppliance[] = [];
  readonly tokens = new Map<string, { scopes: string[] }>();
  readonly requests: RecordedRequest[] = [];
  /** Object bytes served by the object store, by file id (a test can replace them: corruption). */
  readonly objects = new Map<string, Buffer>();
  /** The object store ignores Range headers (answers 200 with everything). */
  ignoreRange = false;
  /** The object store drops the connection after this many body bytes, once. */
  dropAfterBytes: number | null = null;
  /** The object store answers this many requests with 503 first. */
  unavailableTimes = 0;
  /** Publishing: the verdict of the server's verification (null: verified). */
  rejectWith: string | null = null;
  /** Publishing: a version that exists already, whose id the site does not tell. */
  versionExists = false;
  readonly partSize = 64 * 1024;
  private readonly uploads = new Map<string, { fileId: string; parts: Map<number, { etag: string; size: number }> }>();
  /** Uploaded files, in a draft listing the test never looks at. */
  private readonly draft: FaultAppliance = { id: 'app_draft', publisher: 'fault-pub', slug: 'draft', name: 'Draft', summary: '', version: '0', files: [] };
  private server = http.createServer((req, res) => {
    this.handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Internal', status: 500, detail: String(e) }));
    });
  });
  port = 0;

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

  addToken(scopes: string[]): string {
    const token = `apx_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, { scopes });
    return token;
  }

  /** A published appliance with one released version holding the given verified files. */
  addPublished(input: {
    publisher: string;
    slug: string;
    name: string;
    summary?: string;
    version: string;
    files: { format: LaunchFileFormat; fileName: string; bytes: Uint8Array; architecture?: FaultFile['architecture']; diskNames?: string[]; signature?: FileSignature }[];
  }): FaultAppliance {
    const appliance: FaultAppliance = { id: newId('app'), publisher: input.publisher, slug: input.slug, name: input.name, summary: input.summary ?? '', version: input.version, files: [] };
    for (const f of input.files) {
      const file: FaultFile = {
        id: newId('file'),
        format: f.format,
        architecture: f.architecture ?? 'AMD64',
        fileName: f.fileName,
        sha256: sha256(f.bytes),
        sizeBytes: f.bytes.length,
        diskNames: f.diskNames ?? [],
        signature: f.signature ?? null,
      };
      appliance.files.push(file);
      this.objects.set(file.id, Buffer.from(f.bytes));
    }
    this.appliances.push(appliance);
    return appliance;
  }

  remove(appliance: FaultAppliance): void {
    this.appliances.splice(this.appliances.indexOf(appliance), 1);
  }

  private fileView(f: FaultFile, rejected = false) {
    return {
      id: f.id,
      format: f.format,
      architecture: f.architecture,
      provider: '',
      fileName: f.fileName,
      sizeBytes: f.sizeBytes,
      sha256: rejected ? null : f.sha256,
      status: rejected ? ('REJECTED' as const) : ('VERIFIED' as const),
      verifiedAt: rejected ? null : '2026-11-01T00:00:00.000Z',
      signature: f.signature,
      downloadUrl: `${this.site}/api/v1/files/${f.id}/download`,
    };
  }

  /** GET /api/v1/files/{id}: verified, or rejected for `rejectReason`. */
  private fileInfo(a: FaultAppliance, f: FaultFile, rejectReason: string | null = null) {
    const rejected = rejectReason !== null;
    return fileInfoSchema.parse({
      ...this.fileView(f, rejected),
      version: a.version,
      versionStatus: a === this.draft ? 'DRAFT' : 'RELEASED',
      appliance: { publisher: a.publisher, slug: a.slug, name: a.name, status: a === this.draft ? 'DRAFT' : 'PUBLISHED' },
      diskNames: f.diskNames,
      ovfName: null,
      hardware: { cpus: 1, memoryMiB: 64 },
      inspectedAt: '2026-11-01T00:00:00.000Z',
      rejectCode: rejected ? 'FORCED' : null,
      rejectReason,
      players: rejected ? [] : playersFor({ id: f.id, format: f.format, fileName: f.fileName, sha256: f.sha256, architecture: f.architecture.toLowerCase() as 'amd64', diskNames: f.diskNames }),
    });
  }

  private applianceView(a: FaultAppliance) {
    const base = `${this.site}/api/v1/appliances/${a.publisher}/${a.slug}`;
    return applianceSchema.parse({
      id: a.id,
      publisher: { handle: a.publisher, displayName: a.publisher, url: null },
      slug: a.slug,
      name: a.name,
      summary: a.summary,
      description: '',
      status: 'PUBLISHED',
      category: null,
      tags: [],
      license: null,
      eula: null,
      homepage: null,
      requirements: { cpus: 1, memoryMiB: 64, diskBytes: null, osFamily: null, osName: null },
      defaultCredentials: [],
      ports: [],
      formats: [...new Set(a.files.map((f) => f.format))],
      architectures: [...new Set(a.files.map((f) => f.architecture))],
      latestVersion: a.version,
      downloadCount: 0,
      ratingAvg: 0,
      ratingCount: 0,
      publishedAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      screenshots: [],
      awards: [],
      links: { html: `${this.site}/appliances/${a.publisher}/${a.slug}`, versions: `${base}/versions`, reviews: `${base}/reviews`, vagrant: `${this.site}/api/v1/vagrant/${a.publisher}/${a.slug}` },
    });
  }

  private card(a: FaultAppliance) {
    const view = this.applianceView(a);
    return {
      id: a.id,
      name: a.name,
      slug: a.slug,
      publisherHandle: a.publisher,
      publisherName: a.publisher,
      summary: a.summary,
      category: null,
      formats: view.formats,
      architectures: view.architectures,
      latestVersion: a.version,
      downloadCount: 0,
      ratingAvg: 0,
      ratingCount: 0,
      downloadSizeBytes: a.files[0]?.sizeBytes ?? null,
      minMemoryMiB: 64,
      minCpus: 1,
      osFamily: null,
      publishedAt: view.publishedAt,
      featured: false,
      awards: [],
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname + url.search, host: req.headers.host ?? '', headers: req.headers });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const problem = (status: number, detail: string, code: string) => {
      res.writeHead(status, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify(problemSchema.parse({ type: 'about:blank', title: http.STATUS_CODES[status], status, detail, code })));
    };
    const body = async (): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };

    // The object store: another origin, no bearer token, Range honoured unless told otherwise.
    if (url.pathname.startsWith('/s3/')) {
      const bytes = this.objects.get(url.pathname.slice(4));
      if (!bytes) return problem(404, 'NoSuchKey', 'NOT_FOUND');
      if (this.unavailableTimes > 0) {
        this.unavailableTimes--;
        res.writeHead(503, { 'retry-after': '0' });
        return void res.end('SlowDown');
      }
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
      const rest = bytes.subarray(start);
      if (this.dropAfterBytes !== null && this.dropAfterBytes < rest.length) {
        const cut = this.dropAfterBytes;
        this.dropAfterBytes = null;
        res.write(rest.subarray(0, cut), () => res.socket?.destroy());
        return;
      }
      return void res.end(rest);
    }
    if (url.pathname.startsWith('/s3-part/') && method === 'PUT') {
      const [, , uploadId, n] = url.pathname.split('/');
      const bytes = await body();
      const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
      this.uploads.get(uploadId)?.parts.set(Number(n), { etag, size: bytes.length });
      res.writeHead(200, { etag });
      return void res.end();
    }

    // As the real API: a bearer token it does not know is an error, never anonymous.
    const header = req.headers.authorization;
    const caller = header ? this.tokens.get(/^Bearer (\S+)$/.exec(header)?.[1] ?? '') : undefined;
    if (header && !caller) return problem(401, 'The API token is invalid, expired or revoked.', 'UNAUTHENTICATED');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const route = (pattern: string): Record<string, string> | null => {
      const p = pattern.split('/').filter(Boolean);
      if (p.length !== parts.length) return null;
      const params: Record<string, string> = {};
      for (let i = 0; i < p.length; i++) {
        if (p[i].startsWith(':')) params[p[i].slice(1)] = parts[i];
        else if (p[i] !== parts[i]) return null;
      }
      return params;
    };
    const find = (p: Record<string, string>) => this.appliances.find((a) => a.publisher === p.publisher && a.slug === p.slug);
    const findFile = (fileId: string) => {
      for (const a of this.appliances) for (const f of a.files) if (f.id === fileId) return { a, f };
      return null;
    };
    let p: Record<string, string> | null;

    if (method === 'GET' && route('/api/v1/appliances')) {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = this.appliances.filter((a) => !q || `${a.name} ${a.slug} ${a.summary}`.toLowerCase().includes(q)).map((a) => this.card(a));
      return send(200, searchResponseSchema.parse({ items, nextCursor: null, total: items.length, facets: noFacets, suggestions: null }));
    }
    if (method === 'GET' && (p = route('/api/v1/appliances/:publisher/:slug'))) {
      const a = find(p);
      return a ? send(200, this.applianceView(a)) : problem(404, 'That appliance does not exist or is not visible to you.', 'NOT_FOUND');
    }
    if (method === 'GET' && (p = route('/api/v1/appliances/:publisher/:slug/versions'))) {
      const a = find(p);
      if (!a) return problem(404, 'Not found', 'NOT_FOUND');
      const files = `${this.site}/api/v1/appliances/${a.publisher}/${a.slug}/versions/${a.version}/files`;
      return send(200, versionListSchema.parse({ items: [{ version: a.version, status: 'RELEASED', changelog: '', releasedAt: null, revokedAt: null, revokeReason: null, files }], nextCursor: null }));
    }
    if (method === 'GET' && (p = route('/api/v1/appliances/:publisher/:slug/versions/:version/files'))) {
      const a = find(p);
      if (!a || a.version !== p.version) return problem(404, 'Not found', 'NOT_FOUND');
      return send(200, fileListSchema.parse({ items: a.files.map((f) => this.fileView(f)) }));
    }
    if (method === 'GET' && (p = route('/api/v1/files/:id'))) {
      const found = findFile(p.id);
      if (found) return send(200, this.fileInfo(found.a, found.f));
      const uploaded = this.draft.files.find((f) => f.id === p!.id);
      return uploaded ? send(200, this.fileInfo(this.draft, uploaded, this.rejectWith)) : problem(404, 'Not found', 'NOT_FOUND');
    }
    if (method === 'GET' && (p = route('/api/v1/files/:id/download'))) {
      if (!findFile(p.id)) return problem(404, 'Not found', 'NOT_FOUND');
      res.writeHead(302, { location: `${this.objectStore}/s3/${p.id}?X-Amz-Signature=${randomBytes(8).toString('hex')}` });
      return void res.end();
    }

    // Publishing, as far as a test needs it to reach the server's verdict.
    if (!caller) return problem(401, 'Please sign in first.', 'UNAUTHENTICATED');
    if (!caller.scopes.includes('publish')) return problem(403, 'This token lacks the "publish" scope.', 'FORBIDDEN');
    if (method === 'GET' && route('/api/v1/publish/appliances')) return send(200, listingListSchema.parse({ items: [] }));
    if (method === 'POST' && route('/api/v1/publish/appliances')) {
      const input = JSON.parse((await body()).toString('utf8')) as { slug: string };
      return send(201, createdListingSchema.parse({ id: newId('app'), publisher: 'fault-pub', slug: input.slug, status: 'DRAFT' }));
    }
    if (method === 'POST' && (p = route('/api/v1/publish/appliances/:id/versions'))) {
      const input = JSON.parse((await body()).toString('utf8')) as { version: string };
      if (this.versionExists) return problem(409, `Version ${input.version} exists.`, 'CONFLICT');
      return send(201, createdVersionSchema.parse({ id: newId('ver'), version: input.version, status: 'DRAFT' }));
    }
    if (method === 'POST' && route('/api/v1/uploads')) {
      const input = JSON.parse((await body()).toString('utf8')) as { fileName: string; format: LaunchFileFormat; size: number; versionId: string };
      const upload = { uploadId: newId('up'), fileId: newId('file') };
      this.uploads.set(upload.uploadId, { fileId: upload.fileId, parts: new Map() });
      this.draft.files.push({ id: upload.fileId, format: input.format, architecture: 'AMD64', fileName: input.fileName, sha256: '0'.repeat(64), sizeBytes: input.size, diskNames: [], signature: null });
      return send(201, createdUploadSchema.parse({ ...upload, key: `appliances/x/${input.versionId}/${upload.fileId}/${input.fileName}`, s3UploadId: 's3', partSize: this.partSize, maxParts: 10_000 }));
    }
    if (method === 'GET' && (p = route('/api/v1/uploads/:id/parts'))) {
      const upload = this.uploads.get(p.id);
      if (!upload) return problem(404, 'Not found', 'NOT_FOUND');
      return send(200, uploadedPartsSchema.parse({ parts: [...upload.parts].map(([PartNumber, part]) => ({ PartNumber, ETag: part.etag, Size: part.size })) }));
    }
    if (method === 'POST' && (p = route('/api/v1/uploads/:id/parts/:n'))) {
      return send(200, signedPartSchema.parse({ url: `${this.objectStore}/s3-part/${p.id}/${p.n}?X-Amz-Signature=x` }));
    }
    if (method === 'POST' && (p = route('/api/v1/uploads/:id/complete'))) {
      const upload = this.uploads.get(p.id);
      if (!upload) return problem(404, 'Not found', 'NOT_FOUND');
      return send(200, completedUploadSchema.parse({ fileId: upload.fileId, status: 'PENDING' }));
    }
    return problem(404, `No route ${method} ${url.pathname}`, 'NOT_FOUND');
  }
}

// The "what's inside" endpoints as an OpenAPI 3.1 paths fragment (lib/core/api/openapi.ts assembles the
// document). The report's schema mirrors lib/core/inside/types.ts.
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { problemSchema } from '@/lib/core/http/problem-schema';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });
const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '401': problem('The bearer token is invalid, expired or revoked'),
  '404': problem('Not found, or not downloadable by the caller (hidden files are never "forbidden")'),
  '429': problem('Too many requests'),
};
const read: { security: Record<string, string[]>[] } = { security: [{ bearer: [] }, {}] };
const op = (o: ZodOpenApiOperationObject): ZodOpenApiOperationObject => ({ ...read, tags: ['Inside'], ...o });

const insidePackageSchema = z
  .object({
    manager: z.enum(['dpkg', 'apk', 'rpm']),
    name: z.string().meta({ example: 'openssl' }),
    version: z.string().meta({ example: '3.0.15-1~deb12u1' }),
    arch: z.string().optional().meta({ example: 'amd64' }),
    source: z.string().optional(),
    license: z.string().optional(),
    purl: z.string().meta({ example: 'pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12' }),
  })
  .meta({ id: 'InsidePackage' });

export const insideReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    status: z.enum(['read', 'partial', 'not-read']).meta({ description: 'read: a root filesystem was read; partial: some of it; not-read: nothing (see reason)' }),
    reason: z.string().optional(),
    disk: z.object({ member: z.string().optional(), format: z.enum(['raw', 'qcow2', 'vmdk-sparse', 'vmdk-stream', 'iso']), virtualSizeBytes: z.number().int() }).optional(),
    partitionTable: z.enum(['mbr', 'gpt', 'none']).optional(),
    filesystems: z.array(
      z.object({
        partition: z.number().int().nullable(),
        type: z.string().meta({ example: 'ext4' }),
        readable: z.boolean(),
        sizeBytes: z.number().int(),
        label: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    os: z.object({ id: z.string().meta({ example: 'debian' }), versionId: z.string().optional(), prettyName: z.string().optional(), name: z.string().optional(), idLike: z.array(z.string()).optional() }).optional(),
    kernels: z.array(z.string()).meta({ example: ['6.1.0-26-amd64'] }),
    packages: z.array(insidePackageSchema),
    services: z.array(z.object({ name: z.string().meta({ example: 'ssh.service' }), init: z.enum(['systemd', 'openrc']), target: z.string().meta({ example: 'multi-user.target' }) })),
    findings: z.array(
      z.object({
        code: z.string().meta({ example: 'ssh-host-keys' }),
        severity: z.enum(['high', 'medium', 'low', 'info']),
        title: z.string(),
        detail: z.string().meta({ description: 'Why it matters and what to do' }),
        paths: z.array(z.string()).optional(),
      }),
    ),
    bytesRead: z.number().int().meta({ description: 'Bytes fetched from the object store to build the report' }),
  })
  .meta({ id: 'InsideReport', description: 'What is inside a disk image: never secret material (keys, hashes), only that it is there.' });

export const fileInsideSchema = z
  .object({
    fileId: z.string(),
    fileName: z.string(),
    sha256: z.string().nullable(),
    version: z.string(),
    appliance: z.object({ publisher: z.string(), slug: z.string(), name: z.string() }),
    status: z.enum(['PENDING', 'READ', 'PARTIAL', 'NOT_READ']).meta({ description: 'PENDING until the worker has read the disk' }),
    readAt: z.string().nullable(),
    report: insideReportSchema.nullable(),
  })
  .meta({ id: 'FileInside' });

const diffSide = z.object({ version: z.string(), fileId: z.string(), os: z.string().nullable(), kernel: z.string().nullable(), packageCount: z.number().int() });
export const versionDiffSchema = z
  .object({
    appliance: z.object({ publisher: z.string(), slug: z.string(), name: z.string() }),
    from: diffSide,
    to: diffSide,
    added: z.array(z.object({ name: z.string(), version: z.string() })),
    removed: z.array(z.object({ name: z.string(), version: z.string() })),
    upgraded: z.array(z.object({ name: z.string().meta({ example: 'openssl' }), from: z.string(), to: z.string() })),
  })
  .meta({ id: 'VersionDiff' });

const fileIdPath = z.object({ id: z.string().meta({ description: 'File id', example: 'f1e2d3c4b5a6' }) });

export const insideTags = [{ name: 'Inside', description: "What is inside an image, read from its disk by the server: OS, kernel, packages, services, findings, a CycloneDX SBOM, and version diffs. Visible to whoever may download the file." }];

export const insidePaths: ZodOpenApiPathsObject = {
  '/api/v1/files/{id}/inside': {
    get: op({
      operationId: 'getFileInside',
      summary: "What's inside a file",
      description: 'The report the worker read from the disk after verification (status PENDING until then).',
      requestParams: { path: fileIdPath },
      responses: { '200': json('The report', fileInsideSchema), ...errors },
    }),
  },
  '/api/v1/files/{id}/sbom': {
    get: op({
      operationId: 'getFileSbom',
      summary: 'CycloneDX 1.6 SBOM of a file',
      description: 'Components with package URLs (pkg:deb, pkg:apk, pkg:rpm), served as an attachment.',
      requestParams: { path: fileIdPath },
      responses: {
        '200': { description: 'The SBOM', content: { 'application/vnd.cyclonedx+json': { schema: z.object({ bomFormat: z.literal('CycloneDX'), specVersion: z.literal('1.6') }).loose().meta({ id: 'CycloneDxBom' }) } } },
        '409': problem('The contents are still being read, or were not read (the detail says why)'),
        ...errors,
      },
    }),
  },
  '/api/v1/appliances/{publisher}/{slug}/versions/{version}/diff/{other}': {
    get: op({
      operationId: 'diffVersions',
      summary: 'Packages changed between two versions',
      description: 'Packages added, removed and upgraded from {version} to {other}, each version read from a file the caller may download.',
      requestParams: {
        path: z.object({
          publisher: z.string().meta({ example: 'demo-labs' }),
          slug: z.string().meta({ example: 'debian-base' }),
          version: z.string().meta({ example: '1.0' }),
          other: z.string().meta({ example: '1.1' }),
        }),
      },
      responses: { '200': json('The differences', versionDiffSchema), '409': problem('A version has not been read (yet)'), ...errors },
    }),
  },
};

export const insideOpenApi = { paths: insidePaths, tags: insideTags };

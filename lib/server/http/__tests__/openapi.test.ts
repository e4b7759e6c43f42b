import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, getOpenApiDocument } from '@/lib/core/api/openapi';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, Json>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolve(doc: Obj, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || Array.isArray(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Every problem found: an empty list means the document is structurally sound. */
function validate(doc: Obj): string[] {
  const problems: string[] = [];
  if (doc.openapi !== '3.1.0') problems.push(`openapi is ${String(doc.openapi)}`);
  const info = doc.info as Obj | undefined;
  if (!info?.title || !info?.version) problems.push('info.title and info.version are required');

  // Every $ref anywhere must resolve inside the document.
  const walk = (node: Json, at: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string' && resolve(doc, node.$ref) === undefined) problems.push(`${at}: $ref ${node.$ref} does not resolve`);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
    }
  };
  walk(doc, '#');

  const declaredTags = new Set(((doc.tags as Obj[] | undefined) ?? []).map((t) => t.name));
  const operationIds = new Set<string>();
  const deref = (n: Json): Obj => {
    const o = n as Obj;
    return typeof o?.$ref === 'string' ? (resolve(doc, o.$ref) as Obj) : o;
  };

  for (const [path, itemJson] of Object.entries((doc.paths as Obj) ?? {})) {
    if (!path.startsWith('/')) problems.push(`${path}: paths start with /`);
    const item = itemJson as Obj;
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const ops = METHODS.filter((m) => m in item);
    if (ops.length === 0) problems.push(`${path}: no operations`);
    for (const method of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      const op = item[method] as Obj;
      const id = op.operationId as string | undefined;
      if (!id) problems.push(`${where}: no operationId`);
      else if (operationIds.has(id)) problems.push(`${where}: duplicate operationId ${id}`);
      else operationIds.add(id);
      for (const tag of (op.tags as string[] | undefined) ?? []) if (!declaredTags.has(tag)) problems.push(`${where}: tag ${tag} is not declared`);

      const params = [...((item.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])].map(deref);
      const seen = new Set<string>();
      for (const p of params) {
        if (!p?.name || !['path', 'query', 'header', 'cookie'].includes(p.in as string)) problems.push(`${where}: a parameter lacks name or in`);
        if (!p?.schema && !p?.content) problems.push(`${where}: parameter ${String(p?.name)} has no schema`);
        const key = `${String(p?.in)}:${String(p?.name)}`;
        if (seen.has(key)) problems.push(`${where}: parameter ${key} declared twice`);
        seen.add(key);
        if (p?.in === 'path' && p.required !== true) problems.push(`${where}: path parameter ${String(p.name)} must be required`);
        if (p?.in === 'path' && !templated.includes(p.name as string)) problems.push(`${where}: path parameter ${String(p.name)} is not in the path`);
      }
      for (const name of templated) {
        if (!params.some((p) => p?.in === 'path' && p.name === name)) problems.push(`${where}: {${name}} is not declared as a path parameter`);
      }

      const responses = op.responses as Obj | undefined;
      if (!responses || Object.keys(responses).length === 0) problems.push(`${where}: no responses`);
      else {
        if (!Object.keys(responses).some((code) => /^[23]\d\d$/.test(code))) problems.push(`${where}: no success response`);
        for (const [code, resJson] of Object.entries(responses)) {
          const res = deref(resJson);
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${where}: response code ${code}`);
          if (typeof res?.description !== 'string') problems.push(`${where} ${code}: no description`);
          for (const [type, media] of Object.entries((res?.content as Obj | undefined) ?? {})) {
            if (!(media as Obj)?.schema) problems.push(`${where} ${code} ${type}: no schema`);
          }
        }
      }
      const body = op.requestBody ? deref(op.requestBody) : null;
      if (body && !body.content) problems.push(`${where}: request body without content`);
    }
  }
  return problems;
}

describe('the OpenAPI document', () => {
  const doc = JSON.parse(JSON.stringify(getOpenApiDocument())) as Obj;

  it('validates: responses everywhere, every $ref resolves, parameters declared', () => {
    expect(validate(doc)).toEqual([]);
  });

  it('documents every catalog endpoint with its schemas as components', () => {
    const paths = Object.keys(doc.paths as Obj);
    for (const p of [
      '/api/v1/appliances',
      '/api/v1/appliances/{publisher}/{slug}',
      '/api/v1/appliances/{publisher}/{slug}/versions',
      '/api/v1/appliances/{publisher}/{slug}/versions/{version}/files',
      '/api/v1/appliances/{publisher}/{slug}/reviews',
      '/api/v1/files/{id}',
      '/api/v1/files/{id}/download',
      '/api/v1/files/{id}/launch',
      '/api/v1/vagrant/{publisher}/{appliance}',
    ]) {
      expect(paths).toContain(p);
    }
    const schemas = Object.keys(((doc.components as Obj).schemas as Obj) ?? {});
    expect(schemas).toEqual(expect.arrayContaining(['Appliance', 'SearchResult', 'File', 'FileInfo', 'Review', 'VagrantCatalog', 'Problem']));
    const post = ((doc.paths as Obj)['/api/v1/appliances/{publisher}/{slug}/reviews'] as Obj).post as Obj;
    const body = ((post.requestBody as Obj).content as Obj)['application/json'] as Obj;
    expect(JSON.stringify(body.schema)).toContain('"maximum":5');
  });

  it('includes the publishing, uploads and moderation fragment', () => {
    const paths = Object.keys(doc.paths as Obj);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/publish/appliances', '/api/v1/uploads', '/api/v1/moderation/appliances/{id}']));
    const tags = ((doc.tags as Obj[]) ?? []).map((t) => t.name);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('the validator catches what it claims to catch', () => {
    const broken = buildOpenApiDocument() as unknown as Obj;
    const copy = JSON.parse(JSON.stringify(broken)) as Obj;
    const paths = copy.paths as Obj;
    (paths['/api/v1/files/{id}'] as Obj).get = { ...((paths['/api/v1/files/{id}'] as Obj).get as Obj), parameters: [], responses: {} };
    (paths['/api/v1/appliances'] as Obj).get = { ...((paths['/api/v1/appliances'] as Obj).get as Obj), responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } };
    const found = validate(copy).join('\n');
    expect(found).toContain('{id} is not declared');
    expect(found).toContain('no responses');
    expect(found).toContain('$ref #/components/schemas/Nope does not resolve');
  });
});

// A reading view of the generated OpenAPI document: just the parts the docs page renders.

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  example?: unknown;
  enum?: unknown[];
  const?: unknown;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
}

export interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
}

export interface MediaObject {
  schema?: SchemaObject;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaObject>;
  headers?: Record<string, { description?: string; schema?: SchemaObject }>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaObject> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface Document {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;

export function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

export function resolveSchema(doc: Document, s: SchemaObject | undefined, depth = 0): SchemaObject | undefined {
  if (!s?.$ref || depth > 8) return s;
  return resolveSchema(doc, doc.components?.schemas?.[refName(s.$ref)], depth + 1);
}

/** A short type name: `string`, `integer | null`, `Review[]`, `"a" | "b"`. */
export function typeLabel(s: SchemaObject | undefined): string {
  if (!s) return 'any';
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map(typeLabel).join(' | ');
  if (s.allOf) return s.allOf.map(typeLabel).join(' & ');
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return (
    types
      .map((t) => (t === 'array' ? `${typeLabel(s.items)}[]` : t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object' ? `map<string, ${typeLabel(s.additionalProperties)}>` : t))
      .join(' | ') || 'any'
  );
}

/** A plausible example value from a schema: its own example, else one built from its shape. */
export function exampleOf(doc: Document, s: SchemaObject | undefined, depth = 0): unknown {
  // Deep enough for every schema of ours; the bound only stops a self-referencing schema.
  if (!s || depth > 12) return null;
  if (s.example !== undefined) return s.example;
  if (s.$ref) return exampleOf(doc, resolveSchema(doc, s), depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const union = s.anyOf ?? s.oneOf;
  if (union) return exampleOf(doc, union.find((u) => u.type !== 'null') ?? union[0], depth + 1);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? s.type[0]) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = exampleOf(doc, v, depth + 1);
      return out;
    }
    case 'array':
      return [exampleOf(doc, s.items, depth + 1)];
    case 'integer':
    case 'number':
      // zod states the safe-integer range on every integer: only a real lower bound makes a good example.
      return s.minimum !== undefined && s.minimum >= 0 && s.minimum < 1e9 ? s.minimum : 0;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return s.format === 'date-time' ? '2026-11-25T18:00:00.000Z' : 'string';
    default:
      return null;
  }
}

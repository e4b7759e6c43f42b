import { refName, typeLabel, type SchemaObject } from './openapi-types';

function TypeCell({ schema }: { schema: SchemaObject }) {
  const label = typeLabel(schema);
  const refs = [schema, schema.items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? []).map((s) => s.items)].filter(
    (s): s is SchemaObject => !!s?.$ref,
  );
  return (
    <span className="font-mono text-xs text-violet-700">
      {refs.length ? (
        <>
          {label.split(/(\w+)/).map((part, i) => {
            const ref = refs.find((r) => refName(r.$ref!) === part);
            return ref ? (
              <a key={i} href={`#schema-${part}`} className="underline decoration-violet-300 underline-offset-2 hover:decoration-violet-700">
                {part}
              </a>
            ) : (
              <span key={i}>{part}</span>
            );
          })}
        </>
      ) : (
        label
      )}
    </span>
  );
}

function constraints(s: SchemaObject): string[] {
  const out: string[] = [];
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined) out.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  if (s.pattern) out.push(`pattern ${s.pattern}`);
  return out;
}

/** An object schema's properties as a table; anything else as its type. `label` names the scrollable region (unique on the page). */
export function SchemaTable({ schema, label }: { schema: SchemaObject; label: string }) {
  const props = Object.entries(schema.properties ?? {});
  if (!props.length) {
    return (
      <p className="text-sm">
        <TypeCell schema={schema} />
        {schema.description && <span className="ml-2 text-slate-600">{schema.description}</span>}
      </p>
    );
  }
  const required = new Set(schema.required ?? []);
  return (
    <div className="relative overflow-x-auto rounded-lg ring-1 ring-slate-200" tabIndex={0} role="region" aria-label={label}>
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">Field</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Type</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.map(([name, s]) => (
            <tr key={name} className="align-top">
              <td className="px-3 py-1.5 font-mono text-xs whitespace-nowrap text-slate-900">
                {name}
                {!required.has(name) && <span className="ml-1 text-slate-600">?</span>}
              </td>
              <td className="px-3 py-1.5">
                <TypeCell schema={s} />
              </td>
              <td className="px-3 py-1.5 text-slate-600">
                {s.description}
                {constraints(s).length > 0 && <span className="ml-1 text-xs text-slate-600">({constraints(s).join(', ')})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { TypeCell };

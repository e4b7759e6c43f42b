// A Node.js module hook for scripts/serve.ts: `server-only` (which throws outside React Server
// Components) resolves to an empty module, so the server may load lib/ code that is server-only by
// design. Next.js bundles its own copy of that guard and never asks Node.js for it.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {};', shortCircuit: true };
  return nextResolve(specifier, context);
}

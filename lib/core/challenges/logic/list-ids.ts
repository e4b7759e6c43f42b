/** Renders ids for a person-readable message without flooding it: "a, b, c and 4 more". */
export function listIds(ids: readonly string[], max = 5): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

// Pure: the browser (listing and challenge forms), apx and the server share this one definition.

/**
 * `Hello Appliance` → `hello-appliance`: accents dropped, `&` read as "and", every run of other
 * characters one hyphen, at most `maxLength` characters and never a hyphen at either end. An empty
 * result stays empty: the caller decides what a name without letters or digits becomes.
 */
export function slugify(text: string, maxLength = 64): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

import path from 'node:path';
import { isValidVersion } from '@/lib/core/versions';
import { CliError } from './exit-codes';

/** Same rule as the launch plans and the site: the name must be usable as a path segment and a box name. */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export interface ApplianceRef {
  publisher: string;
  appliance: string;
  version?: string;
}

/** `publisher/appliance[@version]`, as `apx info`, `pull` and `launch` take it. */
export function parseReference(value: string): ApplianceRef {
  const match = /^([^/@\s]+)\/([^/@\s]+)(?:@([^\s]+))?$/.exec(value);
  if (!match) {
    throw new CliError('USAGE', `${JSON.stringify(value)} is not an appliance name.`, { hint: 'Write it as publisher/appliance or publisher/appliance@version, e.g. demo-labs/alpine-minimal@3.19.' });
  }
  const [, publisher, appliance, version] = match;
  if (!SLUG.test(publisher)) throw new CliError('USAGE', `${JSON.stringify(publisher)} is not a publisher name.`);
  if (!SLUG.test(appliance)) throw new CliError('USAGE', `${JSON.stringify(appliance)} is not an appliance name.`);
  if (version !== undefined && !isValidVersion(version)) throw new CliError('USAGE', `${JSON.stringify(version)} is not a version.`);
  return { publisher, appliance, version };
}

export function formatReference(ref: ApplianceRef): string {
  return `${ref.publisher}/${ref.appliance}${ref.version ? `@${ref.version}` : ''}`;
}

export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

/**
 * Why a name from the server cannot be a file in the cache, or null. The server is trusted with
 * bytes it signed, not with paths: `../../.bashrc` must never be written.
 */
export function localNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'it is empty';
  if (name.length > 255) return 'it is longer than 255 characters';
  if (CONTROL.test(name)) return 'it contains control characters';
  if (/[/\\]/.test(name) || name === '.' || name === '..') return 'it contains a path';
  if (name.endsWith('.part') || name === '.apx.json') return 'it collides with the names apx uses for its own state';
  return null;
}

/** The cache directory of one appliance version; every segment is checked first. */
export function versionCacheDir(root: string, publisher: string, appliance: string, version: string): string {
  if (!SLUG.test(publisher) || !SLUG.test(appliance)) throw new CliError('ERROR', 'The site sent an appliance name that cannot be a directory.');
  if (!isValidVersion(version)) throw new CliError('ERROR', `The site sent a version (${JSON.stringify(version)}) that cannot be a directory.`);
  return path.join(root, publisher, appliance, version);
}

import { shellQuote } from '@/lib/core/launch/shell-quote';

/**
 * The short form of adding a listing's box: Vagrant expands `publisher/appliance` to
 * `$VAGRANT_SERVER_URL/publisher/appliance`, our catalog route, and names the box after it.
 */
export function vagrantAddCommand(siteUrl: string, publisher: string, appliance: string): string {
  const server = `${siteUrl.replace(/\/+$/, '')}/api/v1/vagrant`;
  return `VAGRANT_SERVER_URL=${shellQuote(server)} vagrant box add ${shellQuote(`${publisher}/${appliance}`)}`;
}

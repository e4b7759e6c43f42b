// Catalog search at 100,000 published appliances: the search service's own time (p95, goal ≤ 30 ms)
// and the API endpoint's latency over the bare SQL statement it runs (goal ≤ 1.5).
// Run: npm run bench -- search [count]   (last line: search_overhead=<number>)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { findFreePort } from '../scripts/lib/ports.ts';
import { migrateDeploy } from '../scripts/lib/schema-engine.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);

// ─── A deterministic, plausible catalog ────────────────────────────────────────

let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const CATEGORIES = [
  ['web', 'Web & CMS'], ['databases', 'Databases'], ['networking', 'Networking & Security'], ['devtools', 'Developer Tools'],
  ['monitoring', 'Monitoring'], ['storage', 'Storage & Backup'], ['os', 'Operating Systems'], ['messaging', 'Messaging & Queues'],
  ['analytics', 'Analytics'], ['security', 'Security'], ['media', 'Media & Streaming'], ['iot', 'IoT & Edge'],
] as const;

const PRODUCTS: Record<string, string[]> = {
  web: ['Nginx', 'Apache', 'Caddy', 'WordPress', 'Drupal', 'Joomla', 'Ghost', 'Traefik', 'HAProxy', 'Varnish', 'Tomcat', 'Node'],
  databases: ['PostgreSQL', 'MySQL', 'MariaDB', 'Redis', 'MongoDB', 'Cassandra', 'CouchDB', 'ClickHouse', 'TimescaleDB', 'CockroachDB', 'Neo4j', 'SQLite'],
  networking: ['pfSense', 'OPNsense', 'WireGuard', 'OpenVPN', 'VyOS', 'Pi-hole', 'Unbound', 'BIND', 'Squid', 'Suricata', 'Zeek', 'Keepalived'],
  devtools: ['Gitea', 'GitLab', 'Jenkins', 'Drone', 'Nexus', 'Artifactory', 'SonarQube', 'Gerrit', 'Forgejo', 'Buildbot', 'Verdaccio', 'Harbor'],
  monitoring: ['Prometheus', 'Grafana', 'Zabbix', 'Nagios', 'Icinga', 'Loki', 'Graylog', 'Netdata', 'Uptime Kuma', 'Checkmk', 'InfluxDB', 'Telegraf'],
  storage: ['MinIO', 'Ceph', 'TrueNAS', 'Nextcloud', 'Seafile', 'Restic', 'Borg', 'Bacula', 'Samba', 'GlusterFS', 'Syncthing', 'Duplicati'],
  os: ['Alpine', 'Debian', 'Ubuntu', 'Rocky', 'AlmaLinux', 'FreeBSD', 'OpenBSD', 'Fedora', 'openSUSE', 'Arch', 'NixOS', 'Windows Server'],
  messaging: ['RabbitMQ', 'Kafka', 'NATS', 'Mosquitto', 'ActiveMQ', 'Pulsar', 'ZeroMQ', 'Redpanda', 'EMQX', 'Memphis', 'Beanstalkd', 'NSQ'],
  analytics: ['Metabase', 'Superset', 'Redash', 'Jupyter', 'Spark', 'Druid', 'Presto', 'Trino', 'Airflow', 'Dagster', 'Matomo', 'Plausible'],
  security: ['Vault', 'Keycloak', 'Wazuh', 'OSSEC', 'CrowdSec', 'Authentik', 'FreeIPA', 'Teleport', 'Bitwarden', 'OpenSCAP', 'Trivy', 'ClamAV'],
  media: ['Jellyfin', 'Plex', 'Icecast', 'Owncast', 'PeerTube', 'Navidrome', 'Emby', 'Kodi', 'Airsonic', 'Funkwhale', 'MediaMTX', 'Janus'],
  iot: ['Home Assistant', 'Node-RED', 'OpenHAB', 'ThingsBoard', 'Zigbee2MQTT', 'EdgeX', 'Domoticz', 'ioBroker', 'Kura', 'Mainflux', 'ChirpStack', 'Balena'],
};
const ROLES = ['Server', 'Gateway', 'Appliance', 'Stack', 'Node', 'Edge', 'Box', 'Toolkit', 'Runner', 'Proxy', 'Cluster', 'Suite'];
const FLAVOURS = ['', '', '', '', 'Hardened', 'Minimal', 'LTS', 'Enterprise', 'Community', 'Lite', 'Turnkey', 'Pro'];
// What listings in each category talk about: the words people search for.
const TOPICS: Record<string, string[]> = {
  web: ['reverse proxy', 'static sites', 'TLS termination', 'HTTP/2', 'load balancing', 'virtual hosts', 'PHP-FPM', 'content management', 'caching', 'Let\'s Encrypt'],
  databases: ['replication', 'point-in-time recovery', 'connection pooling', 'query planner', 'write-ahead log', 'sharding', 'indexes', 'transactions', 'time series', 'key-value store'],
  networking: ['firewall rules', 'VPN tunnels', 'DNS resolver', 'DHCP server', 'routing', 'intrusion detection', 'traffic shaping', 'VLANs', 'NAT', 'ad blocking'],
  devtools: ['Git hosting', 'pull requests', 'build pipelines', 'artifact storage', 'code review', 'CI runners', 'package registry', 'container images', 'webhooks', 'static analysis'],
  monitoring: ['metrics', 'dashboards', 'alerting', 'log aggregation', 'uptime checks', 'exporters', 'tracing', 'SNMP polling', 'retention', 'on-call'],
  storage: ['object storage', 'S3 API', 'snapshots', 'deduplication', 'file sharing', 'backups', 'erasure coding', 'NFS', 'SMB shares', 'sync'],
  os: ['base image', 'cloud-init', 'package manager', 'kernel', 'systemd', 'SSH access', 'minimal install', 'security updates', 'containers', 'serial console'],
  messaging: ['message broker', 'pub/sub', 'queues', 'streams', 'MQTT', 'AMQP', 'dead-letter queues', 'consumer groups', 'event sourcing', 'retention'],
  analytics: ['dashboards', 'SQL editor', 'notebooks', 'ETL pipelines', 'scheduling', 'web analytics', 'data warehouse', 'charts', 'reports', 'privacy'],
  security: ['secrets management', 'single sign-on', 'OAuth', 'LDAP', 'vulnerability scanning', 'SIEM', 'password vault', 'certificates', 'audit trail', 'MFA'],
  media: ['video streaming', 'transcoding', 'music library', 'live broadcast', 'WebRTC', 'media server', 'subtitles', 'playlists', 'DLNA', 'podcasts'],
  iot: ['home automation', 'sensors', 'MQTT bridge', 'Zigbee', 'device management', 'dashboards', 'edge computing', 'automations', 'LoRaWAN', 'firmware updates'],
};
// General prose, sampled with a Zipf distribution as words are in real descriptions.
const VOCABULARY = ('the appliance runs boots ships with includes provides default configuration simple fast easy small secure stable ' +
  'production ready tested preconfigured tuned updates upgrade documentation guide console web interface admin panel users ' +
  'network disk memory cpu storage performance logs settings install setup first login password change start stop service ' +
  'restart reboot backup restore export import schedule automatic manual optional recommended supported community support ' +
  'license open source free release notes version latest stable branch maintained vendor image virtual machine hardware ' +
  'requirements minimum recommended cores gigabytes port address hostname domain certificate renewal cron timer health ' +
  'check status page metrics endpoint api token key access control role group permission audit rotation compression ' +
  'encryption at rest in transit cluster node replica primary failover high availability scale horizontal vertical ' +
  'lightweight footprint resource usage idle peak throughput latency benchmark tuning kernel parameters filesystem ext4 xfs ' +
  'zfs lvm partition layout swap timezone locale keyboard ntp clock sync ipv4 ipv6 bridge bonding mtu proxy mirror repository ' +
  'plugin module extension theme integration webhook notification email smtp slack chat alert threshold rule policy ' +
  'compliance hardening benchmark cis baseline selinux apparmor sandbox isolation container docker podman kubernetes helm ' +
  'operator terraform ansible puppet salt chef vagrant packer cloud aws azure gcp openstack proxmox esxi hyper kvm xen').split(' ');
const LICENSES = ['MIT', 'Apache-2.0', 'GPL-2.0-only', 'GPL-3.0-or-later', 'BSD-2-Clause', 'BSD-3-Clause', 'MPL-2.0', 'AGPL-3.0-only', 'LGPL-2.1', 'Proprietary', 'ISC', 'EPL-2.0'];
const OS_FAMILIES = [['linux', 0.8], ['bsd', 0.08], ['windows', 0.07], ['other', 0.05]] as const;
const FORMAT_P = [['OVA', 0.55], ['QCOW2', 0.5], ['VMDK', 0.2], ['RAW', 0.15], ['VAGRANT_BOX', 0.25], ['ISO', 0.1], ['OVF', 0.05]] as const;
const RAM = [256, 512, 512, 1024, 1024, 2048, 2048, 4096, 8192, 16384];
const TAGS = ['docker', 'kubernetes', 'tls', 'ssh', 'cloud-init', 'ha', 'cluster', 'arm', 'edge', 'homelab', 'minimal', 'hardened', 'ldap', 'oauth', 's3', 'smtp'];

// Zipf(1) over the vocabulary: word k is drawn with probability ∝ 1/k.
const zipfCdf = (() => {
  const w = VOCABULARY.map((_, k) => 1 / (k + 1));
  const total = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return w.map((x) => (acc += x / total));
})();
function zipfWord(): string {
  const r = rand();
  let lo = 0;
  let hi = zipfCdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (zipfCdf[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}

function sentence(n: number, topic?: string): string {
  const w = Array.from({ length: n }, zipfWord);
  if (topic) w.splice(1 + Math.floor(rand() * (n - 1)), 0, topic);
  return `${w[0][0].toUpperCase()}${w[0].slice(1)} ${w.slice(1).join(' ')}.`;
}

interface Generated {
  columns: string[];
  casts: string[];
  rows: unknown[][];
}

function generate(count: number, publisherIds: string[], categoryIds: string[]): Generated {
  const columns = ['id', 'publisherId', 'slug', 'name', 'summary', 'description', 'categoryId', 'tags', 'license', 'status', 'publishedAt', 'featured', 'minCpus', 'minMemoryMiB', 'osFamily', 'osName', 'formats', 'architectures', 'downloadSizeBytes', 'latestVersion', 'downloadCount', 'ratingAvg', 'ratingCount', 'updatedAt'];
  const casts = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text[]', 'text', '"ListingStatus"', 'timestamp(3)', 'boolean', 'int', 'int', 'text', 'text', '"FileFormat"[]', '"Architecture"[]', 'bigint', 'text', 'int', 'float8', 'int', 'timestamp(3)'];
  const rows: unknown[][] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const c = Math.floor(rand() * CATEGORIES.length);
    const topics = TOPICS[CATEGORIES[c][0]];
    const product = pick(PRODUCTS[CATEGORIES[c][0]]);
    const role = pick(ROLES);
    const name = [pick(FLAVOURS), product, role].filter(Boolean).join(' ');
    const tags = [...new Set([product.toLowerCase().replace(/\s+/g, '-'), ...Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(TAGS))])];
    let formats = FORMAT_P.filter(([, p]) => chance(p)).map(([f]) => f as string);
    if (formats.length === 0) formats = ['OVA'];
    const archs = ['AMD64', ...(chance(0.25) ? ['ARM64'] : []), ...(chance(0.05) ? ['I386'] : [])];
    let r = rand();
    const osFamily = OS_FAMILIES.find(([, p]) => (r -= p) < 0)?.[0] ?? 'other';
    const downloads = Math.floor(100_000 / (1 + rand() * 2000)) + Math.floor(rand() * 20);
    const ratingCount = chance(0.6) ? Math.floor(rand() * 50) + 1 : 0;
    const status = chance(0.97) ? 'PUBLISHED' : pick(['DRAFT', 'IN_REVIEW', 'REJECTED', 'UNLISTED']);
    const publishedAt = status === 'PUBLISHED' ? new Date(now - rand() * 3 * 365 * 86_400_000).toISOString() : null;
    rows.push([
      `bench${i.toString(36).padStart(6, '0')}${randomBytes(4).toString('hex')}`,
      publisherIds[i % publisherIds.length],
      `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${i}`,
      name,
      `${product} ${role.toLowerCase()} with ${pick(topics)} and ${pick(topics)}.`,
      `${product} ${sentence(12, pick(topics))} ${sentence(10)}\n\n## Features\n\n- ${sentence(6, pick(topics))}\n- ${sentence(7, pick(topics))}\n- ${sentence(5)}\n\n${sentence(16)} ${sentence(12)}`,
      categoryIds[c],
      `{${tags.join(',')}}`,
      pick(LICENSES),
      status,
      publishedAt,
      chance(0.005),
      pick([1, 1, 2, 2, 4]),
      pick(RAM),
      osFamily,
      `${osFamily} 64-bit`,
      `{${formats.join(',')}}`,
      `{${archs.join(',')}}`,
      String(Math.floor(2 ** (20 + rand() * 15))),
      `${1 + Math.floor(rand() * 5)}.${Math.floor(rand() * 20)}`,
      downloads,
      ratingCount ? Math.round((1 + rand() * 4) * 10) / 10 : 0,
      ratingCount,
      // Last touched when published (or some time before now), as in a catalog that grew over years.
      publishedAt ?? new Date(now - rand() * 365 * 86_400_000).toISOString(),
    ]);
  }
  return { columns, casts, rows };
}

async function seedCatalog(client: pg.Client, count: number) {
  const categoryIds: string[] = [];
  for (const [i, [slug, name]] of CATEGORIES.entries()) {
    const id = `cat_${slug}`;
    await client.query('INSERT INTO "Category" (id, slug, name, position) VALUES ($1, $2, $3, $4)', [id, slug, name, i]);
    categoryIds.push(id);
  }
  const publisherIds: string[] = [];
  const users: unknown[][] = [];
  for (let i = 0; i < 500; i++) {
    users.push([`user_${i}`, `Publisher ${i}`, `pub${i}@bench.local`]);
    publisherIds.push(`pub_${i}`);
  }
  await client.query(
    `INSERT INTO "User" (id, name, email, "updatedAt") SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[])`,
    [users.map((u) => u[0]), users.map((u) => u[1]), users.map((u) => u[2])],
  );
  await client.query(
    `INSERT INTO "Publisher" (id, handle, "displayName", "ownerId", "updatedAt") SELECT id, 'pub-' || n, 'Publisher ' || n, 'user_' || n, now()
     FROM (SELECT 'pub_' || g AS id, g AS n FROM generate_series(0, 499) g) s`,
  );
  const { columns, casts, rows } = generate(count, publisherIds, categoryIds);
  const batch = 5000;
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    // One parameter per column (an array of values): unnest turns them back into rows.
    const params = columns.map((_, ci) => chunk.map((r) => r[ci]));
    const select = columns.map((c, ci) => (casts[ci].endsWith('[]') ? `c${ci}::${casts[ci]}` : `c${ci}`)).join(', ');
    const unnestArgs = columns.map((_, ci) => `$${ci + 1}::${casts[ci].endsWith('[]') ? 'text' : casts[ci]}[]`).join(', ');
    const aliases = columns.map((_, ci) => `c${ci}`).join(', ');
    await client.query(
      `INSERT INTO "Appliance" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${select} FROM unnest(${unnestArgs}) AS t(${aliases})`,
      params,
    );
  }
  await client.query('VACUUM ANALYZE');
}

// ─── Measurement ───────────────────────────────────────────────────────────────

// What people type into a catalog's search box: products, purposes, typos and prefixes, or nothing.
const QUERIES = ['postgresql', 'nginx', 'grafana', 'wireguard', 'gitea', 'jenkins', 'minio', 'keycloak', 'rabbitmq', 'home assistant', 'redis cache',
  'firewall', 'vpn', 'object storage', 'message broker', 'single sign-on', 'reverse proxy', 'log aggregation', 'media server', 'home automation',
  'postgersql', 'graphana', 'wiregaurd', 'jenkns', 'rabit', 'postgr', 'promethe', '', '', '', ''];
const FACETS: (() => string)[] = [
  () => `category=${pick(CATEGORIES)[0]}`,
  () => `format=${pick(['ova', 'qcow2', 'vagrant_box', 'vmdk'])}`,
  () => `arch=${pick(['amd64', 'arm64'])}`,
  () => `os=${pick(['linux', 'bsd', 'windows'])}`,
  () => `license=${pick(LICENSES)}`,
  () => `minRam=${pick(['1g', '2g', '4g'])}`,
  () => `maxSize=${pick(['500m', '1g', '5g'])}`,
];

function randomSearch(): string {
  const a = Math.floor(rand() * FACETS.length);
  let b = Math.floor(rand() * (FACETS.length - 1));
  if (b >= a) b++;
  const q = pick(QUERIES);
  const sort = pick(['', '', '', 'downloads', 'rating', 'newest', 'size']);
  return [q ? `q=${encodeURIComponent(q)}` : '', FACETS[a](), FACETS[b](), sort ? `sort=${sort}` : ''].filter(Boolean).join('&');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(2);

async function main() {
  // BENCH_DATABASE_URL reuses a migrated database (seeded on first use) while tuning; by default
  // the bench starts its own embedded PostgreSQL in a temp dir and removes it afterwards.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apx-bench-search-'));
  await fs.chmod(dir, 0o755);
  const pgOptions = { dataDir: path.join(dir, 'pg'), port: await findFreePort(), password: randomBytes(12).toString('hex'), database: 'bench' };
  let pgHandle = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres(pgOptions);
  if (!process.env.BENCH_DATABASE_URL) {
    // Room for the catalog in PostgreSQL's own cache, as a server holding 100,000 listings would have.
    const admin = new pg.Client({ connectionString: pgHandle.url });
    await admin.connect();
    await admin.query("ALTER SYSTEM SET shared_buffers = '1GB'");
    await admin.end();
    await pgHandle.stop();
    pgHandle = await startEmbeddedPostgres(pgOptions);
  }
  const client = new pg.Client({ connectionString: pgHandle.url });
  try {
    await migrateDeploy(pgHandle.url);
    await client.connect();
    let t = process.hrtime.bigint();
    if ((await client.query('SELECT count(*)::int AS n FROM "Appliance"')).rows[0].n === 0) {
      await seedCatalog(client, COUNT);
      console.log(`seeded ${COUNT} appliances in ${(ms(t) / 1000).toFixed(1)} s`);
    }
    const published = (await client.query('SELECT count(*)::int AS n FROM "Appliance" WHERE status = \'PUBLISHED\'')).rows[0].n as number;
    console.log(`catalog: ${published} published appliances`);

    process.env.DATABASE_URL = pgHandle.url;
    process.env.AUTH_SECRET ??= randomBytes(32).toString('hex');
    process.env.PUBLIC_URL ??= 'http://localhost:3999';
    const { cardsQuery, searchAppliances } = await import('../lib/server/catalog/search-appliances.ts');
    const { syncQuery } = await import('../lib/server/catalog/catalog-index.ts');
    const { parseSearchParams } = await import('../lib/core/catalog/search-params.ts');
    const route = await import('../app/api/v1/appliances/route.ts');

    const searches = Array.from({ length: ITERATIONS }, randomSearch);
    t = process.hrtime.bigint();
    await searchAppliances(parseSearchParams(new URLSearchParams('')).request);
    console.log(`search index loaded in ${ms(t).toFixed(0)} ms (first search)`);
    // Warm up every path (plans, caches, JIT) and every query's pages before timing.
    for (const q of QUERIES) await searchAppliances(parseSearchParams(new URLSearchParams(q ? `q=${encodeURIComponent(q)}` : '')).request);
    for (const s of searches.slice(0, 30)) {
      await searchAppliances(parseSearchParams(new URLSearchParams(s)).request);
      await route.GET(new Request(`http://localhost/api/v1/appliances?${s}`), { params: Promise.resolve({}) });
    }

    const service: number[] = [];
    const bare: number[] = [];
    const api: number[] = [];
    let totals = 0;
    for (const s of searches) {
      const request = parseSearchParams(new URLSearchParams(s)).request;

      t = process.hrtime.bigint();
      const result = await searchAppliances(request);
      service.push(ms(t));
      totals += result.total;

      // The statements the search ran, bare: the index sync (with the text matches) and the cards.
      const sync = syncQuery(Date.now(), request.q, false, request.sort === 'relevance');
      const cards = cardsQuery(result.items.map((i) => i.id));
      t = process.hrtime.bigint();
      await client.query(sync.text, sync.values);
      if (result.items.length) await client.query(cards.text, cards.values);
      bare.push(ms(t));

      t = process.hrtime.bigint();
      const res = await route.GET(new Request(`http://localhost/api/v1/appliances?${s}`), { params: Promise.resolve({}) });
      await res.text();
      api.push(ms(t));
      if (res.status !== 200) throw new Error(`the API answered ${res.status} for ${s}`);
    }

    if (process.env.BENCH_VERBOSE) {
      const slow = searches.map((q, i) => ({ q, service: service[i], bare: bare[i] })).sort((a, b) => b.service - a.service).slice(0, 12);
      for (const x of slow) console.log(`  slow: ${x.service.toFixed(1)} ms service, ${x.bare.toFixed(1)} ms SQL  ${x.q}`);
    }
    console.log(`searches: ${ITERATIONS} random queries with two facets (mean ${Math.round(totals / ITERATIONS)} matches)`);
    console.log(`bare SQL:  p50 ${fmt(percentile(bare, 50))} ms  p95 ${fmt(percentile(bare, 95))} ms  max ${fmt(Math.max(...bare))} ms`);
    console.log(`service:   p50 ${fmt(percentile(service, 50))} ms  p95 ${fmt(percentile(service, 95))} ms  max ${fmt(Math.max(...service))} ms`);
    console.log(`API route: p50 ${fmt(percentile(api, 50))} ms  p95 ${fmt(percentile(api, 95))} ms  max ${fmt(Math.max(...api))} ms`);
    const overhead = percentile(api, 50) / percentile(bare, 50);
    console.log(`search_p95_ms=${fmt(percentile(service, 95))}`);
    console.log(`search_overhead=${overhead.toFixed(3)}`);
  } finally {
    await client.end().catch(() => {});
    const { prismaClient } = await import('../lib/server/db.ts').catch(() => ({ prismaClient: null }));
    await prismaClient?.().$disconnect().catch(() => {});
    await pgHandle.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);

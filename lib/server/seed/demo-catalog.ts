// The demo catalog seeded on first start: fictional but plausible appliances. Every file is a small
// real disk image (made by lib/core/appliance-kit) that boots and prints a line on the serial console.

export interface DemoVersion {
  version: string;
  changelog: string;
  status?: 'RELEASED' | 'REVOKED' | 'DRAFT';
  revokeReason?: string;
  /** Which files to make for this version. */
  files: ('OVA' | 'QCOW2' | 'RAW' | 'VAGRANT_BOX')[];
  daysAgo: number;
  /** A real ext4 root (lib/server/seed/inside-demo-disk.ts) holding these of the host's packages; only RAW, QCOW2 and OVA. */
  rootfs?: 'required' | 'important' | 'all';
}

export interface DemoListing {
  publisher: string;
  slug: string;
  name: string;
  category: string;
  summary: string;
  description: string;
  tags: string[];
  license: string;
  cpus: number;
  memoryMiB: number;
  osId: number;
  vmwOsType: string;
  osDescription: string;
  versions: DemoVersion[];
  featured?: boolean;
  /** The files' declared architecture; default amd64 (the boot sector runs on any PC). */
  architecture?: 'I386';
  /** The disk: its size (default 1 MiB) and whether its partition holds noise (default zeros). */
  disk?: { sizeMiB: number; fill: 'zeros' | 'noise'; echo: boolean };
  /** Kept out of the demo challenges (whose entries are counted). */
  notInChallenges?: boolean;
}

export const DEMO_CATEGORIES = [
  { slug: 'web', name: 'Web & CMS', description: 'Web servers, content management, application stacks.' },
  { slug: 'databases', name: 'Databases', description: 'Relational, key-value and document stores.' },
  { slug: 'networking', name: 'Networking & Security', description: 'Firewalls, VPN gateways, DNS, proxies.' },
  { slug: 'devtools', name: 'Developer Tools', description: 'Source hosting, CI runners, artifact stores.' },
  { slug: 'monitoring', name: 'Monitoring', description: 'Metrics, logs, dashboards and alerting.' },
  { slug: 'storage', name: 'Storage & Backup', description: 'Object storage, file servers, backup targets.' },
  { slug: 'os', name: 'Operating Systems', description: 'Minimal base systems to build on.' },
];

export const DEMO_PUBLISHERS = [
  { handle: 'demo-labs', displayName: 'Demo Labs', url: 'https://example.com/demo-labs', bio: 'Small, sharp appliances for homelabs and CI.' },
  { handle: 'northwind', displayName: 'Northwind Systems', url: 'https://example.com/northwind', bio: 'Network and security appliances since 2009.' },
  { handle: 'stackworks', displayName: 'Stackworks', url: 'https://example.com/stackworks', bio: 'Databases and developer tools, pre-tuned.' },
];

const about = (what: string, extra: string) => `${what}

${extra}

## What is inside

This is a **demo image** generated when Appliance Exchange starts for the first time: a real, bootable
disk whose boot sector prints a line on the serial console. It shows the whole path — inspection,
SHA-256 verification, launch commands — without a multi-gigabyte download.

\`\`\`sh
qemu-system-x86_64 -nographic -drive file=disk.qcow2,format=qcow2
\`\`\`
`;

const linux = { osId: 96, vmwOsType: 'other5xLinux64Guest', osDescription: 'Linux 64-bit' };
const bsd = { osId: 78, vmwOsType: 'freebsd12_64Guest', osDescription: 'FreeBSD 64-bit' };

export const DEMO_LISTINGS: DemoListing[] = [
  {
    publisher: 'demo-labs', slug: 'nginx-web-server', name: 'Nginx Web Server', category: 'web', featured: true,
    summary: 'A hardened Nginx with TLS defaults, HTTP/3 and a status page — ready in one boot.',
    description: about('Serve static sites and reverse-proxy your apps.', 'Ships with sane TLS settings and log rotation.'),
    tags: ['nginx', 'http', 'reverse-proxy', 'tls'], license: 'BSD-2-Clause', cpus: 1, memoryMiB: 512, ...linux,
    versions: [
      { version: '1.24.0', changelog: 'First release.', files: ['OVA', 'QCOW2'], daysAgo: 120 },
      { version: '1.26.1', changelog: '- HTTP/3 enabled\n- OCSP stapling on by default', files: ['OVA', 'QCOW2', 'VAGRANT_BOX'], daysAgo: 20 },
    ],
  },
  {
    publisher: 'demo-labs', slug: 'wordpress-stack', name: 'WordPress Stack', category: 'web',
    summary: 'WordPress on PHP-FPM and MariaDB with automatic updates and backups.',
    description: about('A complete blogging and CMS stack.', 'Includes WP-CLI and a first-boot setup wizard.'),
    tags: ['wordpress', 'php', 'cms', 'mariadb'], license: 'GPL-2.0-or-later', cpus: 2, memoryMiB: 1024, ...linux,
    versions: [{ version: '6.5.2', changelog: 'Security update.', files: ['OVA'], daysAgo: 45 }],
  },
  {
    publisher: 'stackworks', slug: 'postgresql-server', name: 'PostgreSQL Server', category: 'databases', featured: true,
    summary: 'PostgreSQL tuned for the VM it runs in, with pgBackRest and pg_stat_statements.',
    description: about('A production-minded PostgreSQL.', 'Memory settings adapt to the VM size at first boot.'),
    tags: ['postgresql', 'sql', 'database'], license: 'PostgreSQL', cpus: 2, memoryMiB: 2048, ...linux,
    versions: [
      { version: '16.2', changelog: 'PostgreSQL 16.2.', files: ['OVA', 'QCOW2'], daysAgo: 200 },
      { version: '16.10', changelog: 'PostgreSQL 16.10; pgBackRest 2.50.', files: ['OVA', 'QCOW2', 'VAGRANT_BOX'], daysAgo: 12 },
      { version: '17.0-rc.1', changelog: 'Release candidate of PostgreSQL 17.', status: 'DRAFT', files: ['QCOW2'], daysAgo: 2 },
    ],
  },
  {
    publisher: 'stackworks', slug: 'redis-cache', name: 'Redis Cache', category: 'databases',
    summary: 'An in-memory key-value store with persistence and TLS.',
    description: about('Fast caching and queues.', 'AOF persistence on, protected mode on.'),
    tags: ['redis', 'cache', 'key-value'], license: 'BSD-3-Clause', cpus: 1, memoryMiB: 1024, ...linux,
    versions: [
      { version: '7.2.3', changelog: 'Initial image.', files: ['QCOW2', 'RAW'], status: 'REVOKED', revokeReason: 'Default password left enabled; use 7.2.4.', daysAgo: 90 },
      { version: '7.2.4', changelog: 'Fixes the default password of 7.2.3.', files: ['OVA', 'QCOW2', 'RAW'], daysAgo: 85 },
    ],
  },
  {
    publisher: 'northwind', slug: 'edge-firewall', name: 'Edge Firewall', category: 'networking', featured: true,
    summary: 'A stateful firewall and router with a web UI, VLANs and WireGuard.',
    description: about('Protect a network edge.', 'Two NICs: WAN and LAN. Default deny inbound.'),
    tags: ['firewall', 'router', 'vlan', 'security'], license: 'BSD-2-Clause', cpus: 2, memoryMiB: 1024, ...bsd,
    versions: [{ version: '24.1', changelog: 'New dashboard.', files: ['OVA', 'QCOW2'], daysAgo: 30 }],
  },
  {
    publisher: 'northwind', slug: 'wireguard-gateway', name: 'WireGuard VPN Gateway', category: 'networking',
    summary: 'Road-warrior and site-to-site VPN in minutes, with QR codes for phones.',
    description: about('A tiny VPN gateway.', 'Peers are managed from a text file or the web UI.'),
    tags: ['vpn', 'wireguard', 'security'], license: 'MIT', cpus: 1, memoryMiB: 256, ...linux,
    versions: [{ version: '1.0.20210914', changelog: 'First release.', files: ['OVA', 'VAGRANT_BOX'], daysAgo: 60 }],
  },
  {
    publisher: 'northwind', slug: 'dns-filter', name: 'DNS Filter', category: 'networking',
    summary: 'Network-wide ad and tracker blocking with DNS-over-HTTPS upstreams.',
    description: about('Block ads for every device on your network.', 'Blocklists update nightly.'),
    tags: ['dns', 'adblock', 'privacy'], license: 'EUPL-1.2', cpus: 1, memoryMiB: 256, ...linux,
    versions: [{ version: '5.18', changelog: 'Faster list updates.', files: ['QCOW2', 'RAW'], daysAgo: 15 }],
  },
  {
    publisher: 'stackworks', slug: 'gitea-forge', name: 'Gitea Forge', category: 'devtools',
    summary: 'Self-hosted Git with issues, pull requests, packages and Actions.',
    description: about('Your own code forge.', 'SSH and HTTPS cloning, LDAP login.'),
    tags: ['git', 'forge', 'ci'], license: 'MIT', cpus: 2, memoryMiB: 1024, ...linux,
    versions: [{ version: '1.21.11', changelog: 'Gitea 1.21.11.', files: ['OVA', 'QCOW2', 'VAGRANT_BOX'], daysAgo: 25 }],
  },
  {
    publisher: 'demo-labs', slug: 'ci-runner', name: 'CI Runner', category: 'devtools',
    summary: 'An ephemeral build runner that registers itself and cleans up after every job.',
    description: about('Scale your CI with disposable VMs.', 'Registers with a token from the OVF properties.'),
    tags: ['ci', 'runner', 'build'], license: 'Apache-2.0', cpus: 4, memoryMiB: 4096, ...linux,
    versions: [{ version: '2.3.0', changelog: 'Supports nested virtualization.', files: ['QCOW2', 'VAGRANT_BOX'], daysAgo: 8 }],
  },
  {
    publisher: 'demo-labs', slug: 'prometheus-monitoring', name: 'Prometheus Monitoring', category: 'monitoring',
    summary: 'Prometheus, Alertmanager and node exporter, pre-wired.',
    description: about('Metrics and alerting out of the box.', 'Scrapes itself and anything with a /metrics endpoint.'),
    tags: ['prometheus', 'metrics', 'alerting'], license: 'Apache-2.0', cpus: 2, memoryMiB: 2048, ...linux,
    versions: [{ version: '2.51.0', changelog: 'Prometheus 2.51.', files: ['OVA', 'QCOW2'], daysAgo: 40 }],
  },
  {
    publisher: 'stackworks', slug: 'grafana-dashboards', name: 'Grafana Dashboards', category: 'monitoring',
    summary: 'Grafana with curated dashboards for Linux hosts, PostgreSQL and Nginx.',
    description: about('Beautiful dashboards, no assembly.', 'Anonymous viewing off, admin password set at first boot.'),
    tags: ['grafana', 'dashboards', 'observability'], license: 'AGPL-3.0-only', cpus: 1, memoryMiB: 1024, ...linux,
    versions: [{ version: '10.4.1', changelog: 'New dashboards for Redis.', files: ['OVA'], daysAgo: 33 }],
  },
  {
    publisher: 'northwind', slug: 'object-store', name: 'S3 Object Store', category: 'storage',
    summary: 'An S3-compatible object store with erasure coding and a web console.',
    description: about('Object storage on your hardware.', 'Add disks to grow; buckets are S3-compatible.'),
    tags: ['s3', 'object-storage', 'backup'], license: 'AGPL-3.0-only', cpus: 2, memoryMiB: 2048, ...linux,
    versions: [{ version: '2024.3.15', changelog: 'Console redesign.', files: ['OVA', 'QCOW2'], daysAgo: 50 }],
  },
  {
    publisher: 'northwind', slug: 'backup-vault', name: 'Backup Vault', category: 'storage',
    summary: 'Deduplicating, encrypted backups over SSH and S3 with a retention planner.',
    description: about('Keep seven dailies, four weeklies, twelve monthlies.', 'Restore with one command.'),
    tags: ['backup', 'restic', 'encryption'], license: 'BSD-2-Clause', cpus: 1, memoryMiB: 512, ...linux,
    versions: [{ version: '0.16.4', changelog: 'Faster pruning.', files: ['QCOW2', 'RAW'], daysAgo: 70 }],
  },
  {
    publisher: 'demo-labs', slug: 'alpine-minimal', name: 'Alpine Minimal', category: 'os', featured: true,
    summary: 'A 1 MiB boot-and-print base image: the smallest appliance that proves your pipeline works.',
    description: about('The hello-world of virtual appliances.', 'Boots in under a second under QEMU.'),
    tags: ['minimal', 'base', 'hello-world'], license: 'MIT', cpus: 1, memoryMiB: 64, ...linux,
    versions: [
      { version: '3.18', changelog: 'First release.', files: ['RAW', 'QCOW2'], daysAgo: 300 },
      { version: '3.19', changelog: 'Smaller.', files: ['RAW', 'QCOW2', 'OVA', 'VAGRANT_BOX'], daysAgo: 5 },
    ],
  },
  // The one to try in the browser: a 16 MiB disk (noise past its boot sector, so nothing
  // compresses it away) as a raw disk, a qcow2 and an OVA; booting it reads a few hundred KiB.
  {
    publisher: 'demo-labs', slug: 'hello-pc', name: 'Hello PC', category: 'os', architecture: 'I386', disk: { sizeMiB: 16, fill: 'noise', echo: true }, notInChallenges: true,
    summary: 'Try it before you download it: a 16 MiB PC disk that boots in your browser tab.',
    description: about(
      'Press **Try in browser** beside any of its files: the raw disk, its qcow2 form or its OVA.',
      'The tab emulates a 32-bit PC and reads the disk from the store by Range as the machine asks for it, so it boots after a few hundred KiB of a 16 MiB file. Once it has booted, type into its serial console or its screen: it echoes what you type.',
    ),
    tags: ['try-in-browser', 'i386', 'hello-world'], license: 'MIT', cpus: 1, memoryMiB: 32, osId: 1, vmwOsType: 'otherGuest', osDescription: 'Other (32-bit)',
    versions: [{ version: '1.0', changelog: 'First release.', files: ['RAW', 'QCOW2', 'OVA'], daysAgo: 2 }],
  },
  {
    publisher: 'stackworks', slug: 'debian-base', name: 'Debian Base', category: 'os',
    summary: 'A minimal Debian with cloud-init, ready for your configuration management.',
    description: about('Start from a clean, small Debian.', 'cloud-init reads user data from the OVF environment.'),
    tags: ['debian', 'base', 'cloud-init'], license: 'GPL-2.0-or-later', cpus: 1, memoryMiB: 512, ...linux,
    versions: [{ version: '12.5', changelog: 'Debian 12.5.', files: ['OVA', 'QCOW2', 'VAGRANT_BOX'], daysAgo: 18 }],
  },
  // Real root filesystems (made at seed time from this machine's os-release and dpkg status), so
  // "What's inside" shows a real OS, kernel, packages and a finding right away.
  {
    publisher: 'demo-labs', slug: 'server-base', name: 'Server Base', category: 'os',
    summary: 'A lean server root on ext4: only the packages a system cannot do without, then the standard base.',
    description: `A real root filesystem, not just a boot sector: its ext4 partition holds this machine's own OS release and package database, copied when the demo was seeded.

Open **What's inside** below to see the OS, the kernel, every package, and the one finding: an SSH host key baked into the image. Compare 1.0 with 1.1 to see the packages the standard base adds.`,
    tags: ['ext4', 'server', 'sbom'], license: 'GPL-2.0-or-later', cpus: 1, memoryMiB: 256, osId: 96, vmwOsType: 'debian12_64Guest', osDescription: 'Debian GNU/Linux 12 (64-bit)',
    versions: [
      { version: '1.0', changelog: 'First release: the required packages only.', files: ['RAW', 'QCOW2'], daysAgo: 30, rootfs: 'required' },
      { version: '1.1', changelog: 'Adds the standard base (priority important).', files: ['RAW', 'QCOW2', 'OVA'], daysAgo: 3, rootfs: 'important' },
    ],
  },
  {
    publisher: 'stackworks', slug: 'admin-toolbox', name: 'Admin Toolbox', category: 'devtools',
    summary: 'Everything an operator reaches for, in one disk: the full package set of a working build host.',
    description: `A real ext4 root holding the complete package inventory of the machine that seeded this demo — a thousand packages or so.

Use **What's inside** to search the inventory, and download the CycloneDX SBOM for your scanner.`,
    tags: ['ext4', 'toolbox', 'sbom'], license: 'GPL-2.0-or-later', cpus: 2, memoryMiB: 1024, osId: 96, vmwOsType: 'debian12_64Guest', osDescription: 'Debian GNU/Linux 12 (64-bit)',
    versions: [{ version: '2.0', changelog: 'The full package set.', files: ['OVA', 'QCOW2'], daysAgo: 6, rootfs: 'all' }],
  },
];

/** The listings with a real root filesystem: shown in the catalog, kept out of the demo challenges (whose entries are counted). */
export const ROOTFS_DEMO_SLUGS = DEMO_LISTINGS.filter((l) => l.versions.some((v) => v.rootfs)).map((l) => l.slug);

/** The listings the demo challenges leave out: those with a real root filesystem, and the one to try in the browser. */
export const NON_CHALLENGE_DEMO_SLUGS = DEMO_LISTINGS.filter((l) => l.notInChallenges || l.versions.some((v) => v.rootfs)).map((l) => l.slug);

import { isValidVersion } from '@/lib/core/versions';
import { shellCommand } from './shell-quote';
import {
  PLAYERS,
  type LaunchArchitecture,
  type LaunchFile,
  type LaunchFileFormat,
  type LaunchInput,
  type LaunchOptions,
  type LaunchPlan,
  type LaunchStep,
  type Player,
} from './types';

/*
 * Decisions, kept the same for the site's launch panel and `apx launch`:
 * - Commands run in the directory holding the downloaded file and name files relative to it.
 * - No hardware-acceleration flags: `-accel kvm` fails where KVM is absent and `-cpu cortex-a72`
 *   fails under KVM on most arm hosts, so QEMU keeps its default (works everywhere) and a note
 *   says how to speed it up.
 * - File and member names come from uploaders: names with control characters, path separators
 *   (or `..` inside archives) are refused; every other name is quoted, prefixed with `./` when it
 *   would read as an option (`-x`) or a protocol (`nbd:x`), and has its commas doubled inside
 *   QEMU `-drive` option strings.
 */

const DEFAULT_MEMORY_MIB = 512;
const DEFAULT_CPUS = 1;
const BLANK_DISK_SIZE = '20G';
/** Control characters, including Unicode line breaks, would split a command across lines. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PROVIDER = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** RubyGems version syntax, which Vagrant uses for --box-version constraints. */
const GEM_VERSION = /^[0-9]+(\.[0-9A-Za-z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Players that can run each format, best first. */
const PLAYERS_BY_FORMAT: Record<LaunchFileFormat, Player[]> = {
  OVA: ['virtualbox', 'vmware', 'qemu'],
  OVF: ['virtualbox', 'vmware', 'qemu'],
  VMDK: ['qemu', 'virtualbox', 'vmware'],
  QCOW2: ['qemu', 'virtualbox'],
  RAW: ['qemu', 'virtualbox'],
  ISO: ['qemu', 'virtualbox'],
  VAGRANT_BOX: ['vagrant'],
};

const FORMAT_NAMES: Record<LaunchFileFormat, string> = {
  OVA: 'an OVA',
  OVF: 'an OVF package',
  VMDK: 'a VMDK disk',
  QCOW2: 'a qcow2 disk',
  RAW: 'a raw disk',
  ISO: 'an ISO image',
  VAGRANT_BOX: 'a Vagrant box',
};

function fileNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'The file has no name.';
  if (name.length > 255) return 'The file name is longer than 255 characters.';
  if (CONTROL.test(name)) return 'The file name contains control characters (such as a newline), so no safe command can name it.';
  if (/[/\\]/.test(name) || name === '.' || name === '..') return 'The file name contains a path, so no safe command can name it.';
  return null;
}

function memberNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) return 'A member name inside the package is empty or too long.';
  if (CONTROL.test(name)) return 'A member name inside the package contains control characters.';
  if (name.includes('\\') || name.startsWith('/') || name.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return 'A member name inside the package is not a plain relative path.';
  }
  return null;
}

const isBareOvf = (file: LaunchFile) => /\.ovf$/i.test(file.fileName);

const ARCHITECTURES: readonly string[] = ['amd64', 'arm64', 'i386'] satisfies LaunchArchitecture[];

/** Callers holding the database enum (AMD64) get the same answers as those holding the API's (amd64). */
function normalise(file: LaunchFile): LaunchFile {
  const architecture = String(file.architecture).toLowerCase();
  return architecture === file.architecture || !isArchitecture(architecture) ? file : { ...file, architecture };
}

function isArchitecture(value: string): value is LaunchArchitecture {
  return ARCHITECTURES.includes(value);
}

/**
 * Why `player` cannot run `file`, or null when it can. Depends on the file alone, so the panel
 * can pick its tabs from it.
 */
function unsupportedReason(file: LaunchFile, player: Player): string | null {
  if (!Object.hasOwn(PLAYERS_BY_FORMAT, file.format)) return `${String(file.format)} is not a format the launch instructions know.`;
  if (!ARCHITECTURES.includes(file.architecture)) return `${String(file.architecture)} is not an architecture the launch instructions know.`;
  const nameProblem = fileNameProblem(file.fileName);
  if (nameProblem) return nameProblem;
  if (file.format === 'OVA' || file.format === 'OVF') {
    for (const member of [...(file.diskNames ?? []), ...(file.ovfName ? [file.ovfName] : [])]) {
      const problem = memberNameProblem(member);
      if (problem) return problem;
    }
  }
  const ovfUnknown = file.format === 'OVF' && !isBareOvf(file) && !file.ovfName;

  switch (player) {
    case 'qemu':
      if (file.format === 'VAGRANT_BOX') {
        return 'A Vagrant box is meant for Vagrant, which creates the machine from it: use the Vagrant instructions.';
      }
      if ((file.format === 'OVA' || file.format === 'OVF') && !file.diskNames?.length) {
        return 'The disks inside this package are not known yet (the file has not been inspected), so no QEMU command can name them: use VirtualBox or VMware.';
      }
      return null;
    case 'virtualbox':
      if (file.architecture === 'arm64') return 'VirtualBox runs x86 (amd64, i386) machines on x86 hosts: run arm64 appliances with QEMU.';
      if (file.format === 'VAGRANT_BOX') {
        return file.provider === 'virtualbox'
          ? 'This Vagrant box for VirtualBox is started through Vagrant: use the Vagrant instructions.'
          : 'This Vagrant box is not for VirtualBox: use the Vagrant instructions.';
      }
      if (ovfUnknown) return 'The .ovf inside this bundle is not known yet (the file has not been inspected): unzip it and import the .ovf.';
      return null;
    case 'vmware':
      if (file.architecture === 'arm64') return 'VMware Workstation and Player run x86 machines: run arm64 appliances with QEMU.';
      switch (file.format) {
        case 'OVA':
        case 'VMDK':
          return null;
        case 'OVF':
          return ovfUnknown ? 'The .ovf inside this bundle is not known yet (the file has not been inspected): unzip it and open the .ovf.' : null;
        case 'QCOW2':
        case 'RAW':
          return `VMware cannot open ${FORMAT_NAMES[file.format]}: use QEMU, or convert it with qemu-img convert -O vmdk.`;
        case 'ISO':
          return 'VMware has no command that creates a machine from an ISO: in Workstation or Player, create a new virtual machine and choose this ISO as the installer disc.';
        case 'VAGRANT_BOX':
          return 'A Vagrant box is started through Vagrant: use the Vagrant instructions.';
      }
      return null;
    case 'vagrant':
      if (file.format !== 'VAGRANT_BOX') return `Vagrant runs Vagrant boxes; this file is ${FORMAT_NAMES[file.format] ?? 'not one'}.`;
      if (file.provider != null && !PROVIDER.test(file.provider)) return 'The box declares a provider name Vagrant cannot use.';
      return null;
  }
}

/** Which players make sense for this file, best first. */
export function playersFor(file: LaunchFile): Player[] {
  const normalised = normalise(file);
  if (!Object.hasOwn(PLAYERS_BY_FORMAT, normalised.format)) return [];
  return PLAYERS_BY_FORMAT[normalised.format].filter((player) => unsupportedReason(normalised, player) === null);
}

/** A path argument that no tool will mistake for an option (`-x`) or a protocol (`nbd:x`). */
function localPath(name: string): string {
  return name.startsWith('-') || name.includes(':') ? `./${name}` : name;
}

/** QEMU option strings are comma-separated; a literal comma is written twice. */
function qemuValue(value: string): string {
  return value.replace(/,/g, ',,');
}

/** `disk.vmdk` → `disk.qcow2`; a name without that extension gets one appended. */
function replaceExtension(name: string, from: RegExp, to: string): string {
  return from.test(name) ? name.replace(from, to) : `${name}${to}`;
}

function stem(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,6}$/, '');
  return base.length > 0 ? base : name;
}

function positiveInteger(value: number | null | undefined, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= max ? value : fallback;
}

function unsupported(player: Player, reason: string): LaunchPlan {
  return { player, supported: false, reason, steps: [], notes: [] };
}

interface Context {
  input: LaunchInput;
  file: LaunchFile;
  cpus: number;
  memoryMiB: number;
  headless: boolean;
}

function planQemu({ file, cpus, memoryMiB, headless }: Context): LaunchPlan {
  const steps: LaunchStep[] = [];
  const notes: string[] = [];
  const arm = file.architecture === 'arm64';
  const system =
    file.architecture === 'arm64'
      ? ['qemu-system-aarch64', '-machine', 'virt', '-cpu', 'cortex-a72']
      : file.architecture === 'i386'
        ? ['qemu-system-i386']
        : ['qemu-system-x86_64'];
  const media: string[] = [];
  const drive = (path: string, format: 'qcow2' | 'raw') =>
    media.push('-drive', `file=${qemuValue(localPath(path))},format=${format}${arm ? ',if=virtio' : ''}`);
  const convert = (source: string) => {
    const target = replaceExtension(source, /\.vmdk$/i, '.qcow2');
    steps.push({ title: `Convert ${source} to qcow2`, argv: ['qemu-img', 'convert', '-O', 'qcow2', localPath(source), localPath(target)] });
    drive(target, 'qcow2');
  };

  switch (file.format) {
    case 'QCOW2':
    case 'RAW':
      drive(file.fileName, file.format === 'QCOW2' ? 'qcow2' : 'raw');
      notes.push('QEMU writes to the disk image while the machine runs: keep a copy of the download to start over.');
      break;
    case 'VMDK':
      convert(file.fileName);
      break;
    case 'OVA':
    case 'OVF': {
      const disks = file.diskNames ?? [];
      if (file.format === 'OVA') {
        const endOfOptions = disks.some((disk) => disk.startsWith('-')) ? ['--'] : [];
        steps.push({ title: 'Extract the disks from the OVA', argv: ['tar', '-xf', localPath(file.fileName), ...endOfOptions, ...disks] });
      } else if (isBareOvf(file)) {
        notes.push('An .ovf names its disks as separate files: download them into the same directory.');
      } else {
        steps.push({ title: 'Unpack the OVF bundle', argv: ['unzip', localPath(file.fileName)] });
      }
      for (const disk of disks) {
        if (/\.qcow2$/i.test(disk)) drive(disk, 'qcow2');
        else if (/\.(img|raw)$/i.test(disk)) drive(disk, 'raw');
        else convert(disk);
      }
      break;
    }
    case 'ISO': {
      const blank = `${stem(file.fileName)}-disk.qcow2`;
      steps.push({
        title: 'Create a blank disk to install onto',
        argv: ['qemu-img', 'create', '-f', 'qcow2', localPath(blank), BLANK_DISK_SIZE],
        optional: true,
      });
      if (arm) {
        // The virt machine has no IDE: the CD sits on a virtio-scsi controller.
        media.push(
          '-device', 'virtio-scsi-pci',
          '-drive', `file=${qemuValue(localPath(file.fileName))},format=raw,media=cdrom,if=none,id=cd0`,
          '-device', 'scsi-cd,drive=cd0',
        );
      } else {
        media.push('-cdrom', localPath(file.fileName));
      }
      notes.push(
        `To install onto the blank disk, add ${shellCommand(['-drive', `file=${qemuValue(localPath(blank))},format=qcow2${arm ? ',if=virtio' : ''}`])} to the qemu-system command.`,
      );
      break;
    }
  }

  steps.push({
    title: 'Start the virtual machine',
    argv: [...system, '-m', String(memoryMiB), '-smp', String(cpus), ...media, '-nic', 'user', ...(headless ? ['-nographic'] : [])],
  });
  if (arm) {
    notes.push(
      'arm64 machines boot through UEFI: add -bios with the AArch64 UEFI firmware your QEMU ships (for example /usr/share/qemu-efi-aarch64/QEMU_EFI.fd on Debian and Ubuntu).',
    );
  }
  if (headless) notes.push('No window: the serial console is this terminal. Quit QEMU with Ctrl-A, then X.');
  notes.push(
    'QEMU emulates the CPU in software unless told otherwise: add -accel kvm (Linux), -accel hvf (macOS) or -accel whpx (Windows) for hardware virtualisation.',
  );
  return { player: 'qemu', supported: true, steps, notes };
}

function planVirtualBox({ input, file, cpus, memoryMiB, headless }: Context): LaunchPlan {
  const vm = `${input.publisher}-${input.appliance}-${input.version}`;
  const steps: LaunchStep[] = [];
  const notes: string[] = [];
  const start: LaunchStep = { title: 'Start the virtual machine', argv: ['VBoxManage', 'startvm', vm, ...(headless ? ['--type', 'headless'] : [])] };

  if (file.format === 'OVA' || file.format === 'OVF') {
    let descriptor = file.fileName;
    if (file.format === 'OVF' && !isBareOvf(file)) {
      steps.push({ title: 'Unpack the OVF bundle', argv: ['unzip', localPath(file.fileName)] });
      descriptor = file.ovfName!;
    }
    steps.push({
      title: 'Import the appliance',
      argv: ['VBoxManage', 'import', localPath(descriptor), '--vsys', '0', '--vmname', vm, '--eula', 'accept'],
    });
    steps.push(start);
    notes.push("The import keeps the appliance's own hardware settings and accepts its licence agreement, if it has one: read it on the appliance page first.");
    if (file.format === 'OVF' && isBareOvf(file)) notes.push('An .ovf names its disks as separate files: download them into the same directory.');
    return { player: 'virtualbox', supported: true, steps, notes };
  }

  let medium = file.fileName;
  let mediumType: 'hdd' | 'dvddrive' = 'hdd';
  const vdi = `${stem(file.fileName)}.vdi`;
  switch (file.format) {
    case 'VMDK':
      steps.push({ title: 'Copy the disk into VirtualBox format', argv: ['VBoxManage', 'clonemedium', 'disk', localPath(file.fileName), localPath(vdi), '--format', 'VDI'] });
      medium = vdi;
      notes.push('Cloning also turns a streamOptimized VMDK (the kind exported in OVF packages) into a disk a machine can write to.');
      break;
    case 'RAW':
      steps.push({ title: 'Convert the raw disk to VirtualBox format', argv: ['VBoxManage', 'convertfromraw', localPath(file.fileName), localPath(vdi), '--format', 'VDI'] });
      medium = vdi;
      break;
    case 'QCOW2':
      steps.push({ title: 'Convert the qcow2 disk to VirtualBox format', argv: ['qemu-img', 'convert', '-f', 'qcow2', '-O', 'vdi', localPath(file.fileName), localPath(vdi)] });
      medium = vdi;
      notes.push('VirtualBox does not read qcow2: the conversion uses qemu-img, from the QEMU tools.');
      break;
    case 'ISO':
      mediumType = 'dvddrive';
      break;
  }
  const controller = mediumType === 'hdd' ? ['SATA', 'sata'] : ['IDE', 'ide'];
  steps.push(
    {
      title: 'Create the virtual machine',
      argv: ['VBoxManage', 'createvm', '--name', vm, '--ostype', file.architecture === 'i386' ? 'Other' : 'Other_64', '--register'],
    },
    { title: 'Set its memory, CPUs and network', argv: ['VBoxManage', 'modifyvm', vm, '--memory', String(memoryMiB), '--cpus', String(cpus), '--nic1', 'nat'] },
    { title: `Add ${mediumType === 'hdd' ? 'a SATA' : 'an IDE'} controller`, argv: ['VBoxManage', 'storagectl', vm, '--name', controller[0], '--add', controller[1]] },
    {
      title: mediumType === 'hdd' ? 'Attach the disk' : 'Insert the ISO',
      argv: ['VBoxManage', 'storageattach', vm, '--storagectl', controller[0], '--port', '0', '--device', '0', '--type', mediumType, '--medium', localPath(medium)],
    },
    start,
  );
  return { player: 'virtualbox', supported: true, steps, notes };
}

function planVmware({ file, headless }: Context): LaunchPlan {
  const steps: LaunchStep[] = [];
  const notes: string[] = [];
  if (file.format === 'VMDK') {
    const converted = replaceExtension(file.fileName, /\.vmdk$/i, '-workstation.vmdk');
    steps.push({
      title: 'Convert a streamOptimized disk (as exported in OVF packages) into one Workstation can run',
      argv: ['vmware-vdiskmanager', '-r', localPath(file.fileName), '-t', '0', localPath(converted)],
      optional: true,
    });
    notes.push(
      `Create a new virtual machine (File > New Virtual Machine > Custom, "I will install the operating system later"), choose "Use an existing virtual disk" and pick ${converted} (or ${file.fileName} if you skipped the conversion).`,
    );
    return { player: 'vmware', supported: true, steps, notes };
  }

  let source = file.fileName;
  if (file.format === 'OVF' && !isBareOvf(file)) {
    steps.push({ title: 'Unpack the OVF bundle', argv: ['unzip', localPath(file.fileName)] });
    source = file.ovfName!;
  }
  const vmx = `${stem(file.fileName)}.vmx`;
  steps.push(
    { title: 'Convert the appliance into a VMware machine', argv: ['ovftool', '--acceptAllEulas', localPath(source), localPath(vmx)] },
    { title: 'Start it in VMware Workstation Player', argv: ['vmplayer', localPath(vmx)] },
  );
  notes.push(
    "ovftool accepts the appliance's licence agreement, if it has one: read it on the appliance page first.",
    `With VMware Workstation, run ${shellCommand(['vmware', localPath(vmx)])} instead, or open the ${file.format === 'OVA' ? '.ova' : '.ovf'} directly (File > Open) and skip ovftool.`,
  );
  if (headless) notes.push(`VMware Player has no headless mode; Workstation can start the machine without a window: ${shellCommand(['vmrun', '-T', 'ws', 'start', localPath(vmx), 'nogui'])}`);
  return { player: 'vmware', supported: true, steps, notes };
}

function planVagrant({ input, file }: Context): LaunchPlan {
  if (!SLUG.test(input.publisher) || !SLUG.test(input.appliance)) return unsupported('vagrant', 'The appliance name cannot be used as a Vagrant box name.');
  let site: URL;
  try {
    site = new URL(input.siteUrl);
  } catch {
    return unsupported('vagrant', 'The site URL is not valid.');
  }
  if ((site.protocol !== 'http:' && site.protocol !== 'https:') || site.username || site.password || site.search || site.hash) {
    return unsupported('vagrant', 'The site URL must be a plain http(s) URL.');
  }
  const base = site.href.replace(/\/+$/, '');
  const box = `${input.publisher}/${input.appliance}`;
  const catalog = `${base}/api/v1/vagrant/${input.publisher}/${input.appliance}`;
  const pinnable = GEM_VERSION.test(input.version);
  const pin = pinnable ? ['--box-version', input.version] : [];
  const provider = file.provider ? ['--provider', file.provider] : [];
  const notes = [
    'Vagrant downloads the box from this site and checks its SHA-256 itself: the file you downloaded is not needed.',
    'vagrant init writes a Vagrantfile: run it in an empty directory. It records the catalog URL, so vagrant box update checks this site, not Vagrant Cloud.',
  ];
  if (!pinnable) notes.push(`Vagrant cannot pin version ${input.version} (not a RubyGems-style version): it uses the newest one in the catalog.`);
  if (!file.provider) notes.push('The box does not say which provider it is for: vagrant up uses your default provider.');
  return {
    player: 'vagrant',
    supported: true,
    steps: [
      { title: 'Add the box from the catalog', argv: ['vagrant', 'box', 'add', '--name', box, ...pin, ...provider, catalog] },
      { title: 'Create a Vagrantfile for it', argv: ['vagrant', 'init', ...pin, box, catalog] },
      { title: 'Start the machine', argv: ['vagrant', 'up', ...provider] },
    ],
    notes,
  };
}

/**
 * What `player` needs to run `input.file`: commands (argv, never shell text) in order, run in the
 * directory holding the downloaded file, plus notes. Never throws: anything unusable (hostile
 * names, unsupported combinations) comes back as `supported: false` with a reason.
 */
export function planLaunch(input: LaunchInput, player: Player, options: LaunchOptions = {}): LaunchPlan {
  if (!PLAYERS.includes(player)) return unsupported(player, `${String(player)} is not a player the launch instructions know.`);
  const file = normalise(input.file);
  const reason = unsupportedReason(file, player);
  if (reason) return unsupported(player, reason);
  if (!SLUG.test(input.publisher) || !SLUG.test(input.appliance)) return unsupported(player, 'The appliance name is not valid.');
  if (!isValidVersion(input.version)) return unsupported(player, 'The version is not valid.');
  const context: Context = {
    input,
    file,
    cpus: positiveInteger(input.hardware?.cpus, DEFAULT_CPUS, 256),
    memoryMiB: positiveInteger(input.hardware?.memoryMiB, DEFAULT_MEMORY_MIB, 4 * 1024 * 1024),
    headless: options.headless === true,
  };
  switch (player) {
    case 'qemu':
      return planQemu(context);
    case 'virtualbox':
      return planVirtualBox(context);
    case 'vmware':
      return planVmware(context);
    case 'vagrant':
      return planVagrant(context);
  }
}

import { describe, expect, it } from 'vitest';
import { planLaunch, playersFor } from '@/lib/core/launch/plan-launch';
import type { LaunchFile, LaunchInput, Player } from '@/lib/core/launch/types';

const sha256 = 'a'.repeat(64);

function input(file: Partial<LaunchFile>, extra: Partial<LaunchInput> = {}): LaunchInput {
  return {
    siteUrl: 'http://localhost:3000',
    publisher: 'demo-labs',
    appliance: 'hello',
    version: '1.2.0',
    file: { id: 'f1', format: 'OVA', fileName: 'hello-1.2.0.ova', sha256, architecture: 'amd64', diskNames: ['hello-disk1.vmdk'], ...file },
    hardware: { cpus: 2, memoryMiB: 256 },
    ...extra,
  };
}

const argvs = (i: LaunchInput, player: Player, headless = false) => {
  const plan = planLaunch(i, player, { headless });
  expect(plan.supported, plan.reason).toBe(true);
  return plan.steps.map((step) => step.argv);
};

describe('planLaunch: QEMU', () => {
  it('OVA: extract the disk, convert it to qcow2, run it', () => {
    expect(argvs(input({}), 'qemu')).toEqual([
      ['tar', '-xf', 'hello-1.2.0.ova', 'hello-disk1.vmdk'],
      ['qemu-img', 'convert', '-O', 'qcow2', 'hello-disk1.vmdk', 'hello-disk1.qcow2'],
      ['qemu-system-x86_64', '-m', '256', '-smp', '2', '-drive', 'file=hello-disk1.qcow2,format=qcow2', '-nic', 'user'],
    ]);
  });

  it('OVA with two disks: both extracted, converted and attached in order', () => {
    expect(argvs(input({ diskNames: ['a.vmdk', 'b.vmdk'] }), 'qemu')).toEqual([
      ['tar', '-xf', 'hello-1.2.0.ova', 'a.vmdk', 'b.vmdk'],
      ['qemu-img', 'convert', '-O', 'qcow2', 'a.vmdk', 'a.qcow2'],
      ['qemu-img', 'convert', '-O', 'qcow2', 'b.vmdk', 'b.qcow2'],
      ['qemu-system-x86_64', '-m', '256', '-smp', '2', '-drive', 'file=a.qcow2,format=qcow2', '-drive', 'file=b.qcow2,format=qcow2', '-nic', 'user'],
    ]);
  });

  it('headless adds -nographic and says how to quit; the graphical plan is otherwise identical', () => {
    const graphical = planLaunch(input({}), 'qemu');
    const headless = planLaunch(input({}), 'qemu', { headless: true });
    expect(headless.steps.at(-1)!.argv).toEqual([...graphical.steps.at(-1)!.argv, '-nographic']);
    expect(headless.steps.slice(0, -1)).toEqual(graphical.steps.slice(0, -1));
    expect(headless.notes.join(' ')).toMatch(/Ctrl-A, then X/);
  });

  it('VMDK: convert, then run', () => {
    expect(argvs(input({ format: 'VMDK', fileName: 'disk.vmdk' }), 'qemu')).toEqual([
      ['qemu-img', 'convert', '-O', 'qcow2', 'disk.vmdk', 'disk.qcow2'],
      ['qemu-system-x86_64', '-m', '256', '-smp', '2', '-drive', 'file=disk.qcow2,format=qcow2', '-nic', 'user'],
    ]);
  });

  it('qcow2 and raw run directly, with the format stated', () => {
    expect(argvs(input({ format: 'QCOW2', fileName: 'disk.qcow2' }), 'qemu')).toEqual([
      ['qemu-system-x86_64', '-m', '256', '-smp', '2', '-drive', 'file=disk.qcow2,format=qcow2', '-nic', 'user'],
    ]);
    expect(argvs(input({ format: 'RAW', fileName: 'disk.img' }), 'qemu')).toEqual([
      ['qemu-system-x86_64', '-m', '256', '-smp', '2', '-drive', 'file=disk.img,format=raw', '-nic', 'user'],
    ]);
  });

  it('ISO: -cdrom, with an optional blank disk', () => {
    const plan = planLaunch(input({ format: 'ISO', fileName: 'installer.iso' }), 'qemu');
    expect(plan.steps).toEqual([
      { title: 'Create a blank disk to install onto', argv: ['qemu-img', 'create', '-f', 'qcow2', 'installer-disk.qcow2', '20G'], optional: true },
      { title: 'Start the virtual machine', argv: ['qemu-system-x86_64', '-m', '256', '-smp', '2', '-cdrom', 'installer.iso', '-nic', 'user'] },
    ]);
    expect(plan.notes.join(' ')).toContain('-drive file=installer-disk.qcow2,format=qcow2');
  });

  it('defaults to 512 MiB and 1 CPU when the metadata has none (or nonsense)', () => {
    for (const hardware of [{}, { cpus: null, memoryMiB: null }, { cpus: 0, memoryMiB: -5 }, { cpus: 1.5, memoryMiB: Number.NaN }]) {
      expect(argvs(input({ format: 'QCOW2', fileName: 'd.qcow2' }, { hardware }), 'qemu').at(-1)).toEqual([
        'qemu-system-x86_64', '-m', '512', '-smp', '1', '-drive', 'file=d.qcow2,format=qcow2', '-nic', 'user',
      ]);
    }
  });

  it('arm64: qemu-system-aarch64 on the virt machine with a Cortex-A72, and a note about UEFI', () => {
    const plan = planLaunch(input({ format: 'QCOW2', fileName: 'd.qcow2', architecture: 'arm64' }), 'qemu');
    expect(plan.steps.map((s) => s.argv)).toEqual([
      ['qemu-system-aarch64', '-machine', 'virt', '-cpu', 'cortex-a72', '-m', '256', '-smp', '2', '-drive', 'file=d.qcow2,format=qcow2,if=virtio', '-nic', 'user'],
    ]);
    expect(plan.notes.join(' ')).toMatch(/UEFI/);
  });

  it('arm64 ISO: the CD goes on virtio-scsi (the virt machine has no IDE)', () => {
    expect(argvs(input({ format: 'ISO', fileName: 'i.iso', architecture: 'arm64' }), 'qemu').at(-1)).toEqual([
      'qemu-system-aarch64', '-machine', 'virt', '-cpu', 'cortex-a72', '-m', '256', '-smp', '2',
      '-device', 'virtio-scsi-pci', '-drive', 'file=i.iso,format=raw,media=cdrom,if=none,id=cd0', '-device', 'scsi-cd,drive=cd0',
      '-nic', 'user',
    ]);
  });

  it('i386: qemu-system-i386', () => {
    expect(argvs(input({ format: 'RAW', fileName: 'd.img', architecture: 'i386' }), 'qemu').at(-1)![0]).toBe('qemu-system-i386');
  });

  it('OVF bundle: unzip, then convert the disks', () => {
    expect(argvs(input({ format: 'OVF', fileName: 'hello.zip', diskNames: ['disks/d1.vmdk'] }), 'qemu')).toEqual([
      ['unzip', 'hello.zip'],
      ['qemu-img', 'convert', '-O', 'qcow2', 'disks/d1.vmdk', 'disks/d1.qcow2'],
      ['qemu-system-x86_64', '-m', '256', '-smp', '2', '-drive', 'file=disks/d1.qcow2,format=qcow2', '-nic', 'user'],
    ]);
  });

  it('refuses a Vagrant box, pointing at Vagrant', () => {
    const plan = planLaunch(input({ format: 'VAGRANT_BOX', fileName: 'x.box', provider: 'libvirt' }), 'qemu');
    expect(plan).toMatchObject({ supported: false, steps: [] });
    expect(plan.reason).toMatch(/Vagrant/);
  });

  it('refuses an OVA whose disks are unknown', () => {
    expect(planLaunch(input({ diskNames: [] }), 'qemu')).toMatchObject({ supported: false, reason: expect.stringMatching(/not been inspected/) });
    expect(planLaunch(input({ diskNames: undefined }), 'qemu').supported).toBe(false);
  });
});

describe('planLaunch: VirtualBox', () => {
  it('OVA: import with a known VM name, accept the EULA, start', () => {
    expect(argvs(input({}), 'virtualbox')).toEqual([
      ['VBoxManage', 'import', 'hello-1.2.0.ova', '--vsys', '0', '--vmname', 'demo-labs-hello-1.2.0', '--eula', 'accept'],
      ['VBoxManage', 'startvm', 'demo-labs-hello-1.2.0'],
    ]);
    expect(argvs(input({}), 'virtualbox', true).at(-1)).toEqual(['VBoxManage', 'startvm', 'demo-labs-hello-1.2.0', '--type', 'headless']);
  });

  it('OVF bundle: unzip, import the .ovf named by inspection', () => {
    expect(argvs(input({ format: 'OVF', fileName: 'hello.zip', ovfName: 'hello.ovf' }), 'virtualbox')).toEqual([
      ['unzip', 'hello.zip'],
      ['VBoxManage', 'import', 'hello.ovf', '--vsys', '0', '--vmname', 'demo-labs-hello-1.2.0', '--eula', 'accept'],
      ['VBoxManage', 'startvm', 'demo-labs-hello-1.2.0'],
    ]);
    expect(planLaunch(input({ format: 'OVF', fileName: 'hello.zip', ovfName: null }), 'virtualbox').supported).toBe(false);
  });

  const createAndStart = (medium: string, type = 'hdd', ostype = 'Other_64') => [
    ['VBoxManage', 'createvm', '--name', 'demo-labs-hello-1.2.0', '--ostype', ostype, '--register'],
    ['VBoxManage', 'modifyvm', 'demo-labs-hello-1.2.0', '--memory', '256', '--cpus', '2', '--nic1', 'nat'],
    type === 'hdd'
      ? ['VBoxManage', 'storagectl', 'demo-labs-hello-1.2.0', '--name', 'SATA', '--add', 'sata']
      : ['VBoxManage', 'storagectl', 'demo-labs-hello-1.2.0', '--name', 'IDE', '--add', 'ide'],
    ['VBoxManage', 'storageattach', 'demo-labs-hello-1.2.0', '--storagectl', type === 'hdd' ? 'SATA' : 'IDE', '--port', '0', '--device', '0', '--type', type, '--medium', medium],
    ['VBoxManage', 'startvm', 'demo-labs-hello-1.2.0'],
  ];

  it('VMDK: clone into a VDI, create a VM around it', () => {
    expect(argvs(input({ format: 'VMDK', fileName: 'disk.vmdk' }), 'virtualbox')).toEqual([
      ['VBoxManage', 'clonemedium', 'disk', 'disk.vmdk', 'disk.vdi', '--format', 'VDI'],
      ...createAndStart('disk.vdi'),
    ]);
  });

  it('raw: convertfromraw into a VDI (i386 gets the 32-bit OS type)', () => {
    expect(argvs(input({ format: 'RAW', fileName: 'disk.img', architecture: 'i386' }), 'virtualbox')).toEqual([
      ['VBoxManage', 'convertfromraw', 'disk.img', 'disk.vdi', '--format', 'VDI'],
      ...createAndStart('disk.vdi', 'hdd', 'Other'),
    ]);
  });

  it('qcow2: qemu-img converts to VDI', () => {
    expect(argvs(input({ format: 'QCOW2', fileName: 'disk.qcow2' }), 'virtualbox')).toEqual([
      ['qemu-img', 'convert', '-f', 'qcow2', '-O', 'vdi', 'disk.qcow2', 'disk.vdi'],
      ...createAndStart('disk.vdi'),
    ]);
  });

  it('ISO: a DVD drive on IDE', () => {
    expect(argvs(input({ format: 'ISO', fileName: 'i.iso' }), 'virtualbox')).toEqual(createAndStart('i.iso', 'dvddrive'));
  });

  it.each([
    ['a Vagrant box for VirtualBox', { format: 'VAGRANT_BOX', fileName: 'x.box', provider: 'virtualbox' } as const, /Vagrant/],
    ['an arm64 appliance', { architecture: 'arm64' } as const, /QEMU/],
  ])('refuses %s', (_what, file, reason) => {
    expect(planLaunch(input(file), 'virtualbox')).toMatchObject({ supported: false, reason: expect.stringMatching(reason) });
  });
});

describe('planLaunch: VMware', () => {
  it('OVA: ovftool to a .vmx, then vmplayer', () => {
    const plan = planLaunch(input({}), 'vmware');
    expect(plan.steps.map((s) => s.argv)).toEqual([
      ['ovftool', '--acceptAllEulas', 'hello-1.2.0.ova', 'hello-1.2.0.vmx'],
      ['vmplayer', 'hello-1.2.0.vmx'],
    ]);
    expect(plan.notes.join(' ')).toMatch(/open the \.ova directly/);
  });

  it('VMDK: an optional conversion and a note on creating a VM around the disk', () => {
    const plan = planLaunch(input({ format: 'VMDK', fileName: 'disk.vmdk' }), 'vmware');
    expect(plan.steps).toEqual([
      {
        title: expect.stringMatching(/streamOptimized/),
        argv: ['vmware-vdiskmanager', '-r', 'disk.vmdk', '-t', '0', 'disk-workstation.vmdk'],
        optional: true,
      },
    ]);
    expect(plan.notes.join(' ')).toMatch(/Use an existing virtual disk/);
  });

  it.each([
    ['QCOW2', 'd.qcow2', /cannot open a qcow2 disk/],
    ['RAW', 'd.img', /cannot open a raw disk/],
    ['ISO', 'i.iso', /installer disc/],
    ['VAGRANT_BOX', 'x.box', /Vagrant/],
  ] as const)('refuses %s with a reason', (format, fileName, reason) => {
    expect(planLaunch(input({ format, fileName }), 'vmware')).toMatchObject({ supported: false, reason: expect.stringMatching(reason) });
  });

  it('refuses arm64', () => {
    expect(planLaunch(input({ architecture: 'arm64' }), 'vmware').supported).toBe(false);
  });
});

describe('planLaunch: Vagrant', () => {
  const box = input({ format: 'VAGRANT_BOX', fileName: 'hello.box', provider: 'libvirt' }, { siteUrl: 'https://apx.example.org/' });
  const catalog = 'https://apx.example.org/api/v1/vagrant/demo-labs/hello';

  it('adds the box from the site catalog pinned to the version, inits with the catalog URL, brings it up', () => {
    expect(argvs(box, 'vagrant')).toEqual([
      ['vagrant', 'box', 'add', '--name', 'demo-labs/hello', '--box-version', '1.2.0', '--provider', 'libvirt', catalog],
      ['vagrant', 'init', '--box-version', '1.2.0', 'demo-labs/hello', catalog],
      ['vagrant', 'up', '--provider', 'libvirt'],
    ]);
  });

  it('keeps a site path prefix', () => {
    expect(argvs({ ...box, siteUrl: 'http://localhost:3000/apx' }, 'vagrant')[0].at(-1)).toBe(
      'http://localhost:3000/apx/api/v1/vagrant/demo-labs/hello',
    );
  });

  it('leaves the provider to Vagrant when the box does not state one', () => {
    const plan = planLaunch({ ...box, file: { ...box.file, provider: null } }, 'vagrant');
    expect(plan.steps.at(-1)!.argv).toEqual(['vagrant', 'up']);
    expect(plan.notes.join(' ')).toMatch(/default provider/);
  });

  it('does not pin a version Vagrant cannot parse', () => {
    const plan = planLaunch({ ...box, version: 'v1.2+build.5' }, 'vagrant');
    expect(plan.steps[0].argv).toEqual(['vagrant', 'box', 'add', '--name', 'demo-labs/hello', '--provider', 'libvirt', catalog]);
    expect(plan.notes.join(' ')).toMatch(/cannot pin version v1\.2\+build\.5/);
  });

  it.each([
    ['a non-box file', { ...box, file: { ...box.file, format: 'OVA' as const } }, /Vagrant runs Vagrant boxes; this file is an OVA/],
    ['a javascript: site URL', { ...box, siteUrl: 'javascript:alert(1)' }, /plain http/],
    ['a site URL with credentials', { ...box, siteUrl: 'https://u:p@apx.example.org' }, /plain http/],
    ['a garbage site URL', { ...box, siteUrl: 'not a url' }, /not valid/],
    ['a hostile provider', { ...box, file: { ...box.file, provider: 'libvirt; rm -rf /' } }, /provider/],
    ['a hostile publisher', { ...box, publisher: '../evil' }, /name/],
  ])('refuses %s', (_what, i, reason) => {
    expect(planLaunch(i, 'vagrant')).toMatchObject({ supported: false, reason: expect.stringMatching(reason) });
  });
});

describe('hostile names', () => {
  it('keeps quoting to the renderer: argv carries the name verbatim, with ./ where it would read as an option or a protocol', () => {
    const name = `-rf $(reboot) 'q' "dq", nbd:x.qcow2`;
    expect(argvs(input({ format: 'QCOW2', fileName: name }), 'qemu').at(-1)).toEqual([
      'qemu-system-x86_64', '-m', '256', '-smp', '2', '-drive', `file=./-rf $(reboot) 'q' "dq",, nbd:x.qcow2,format=qcow2`, '-nic', 'user',
    ]);
    expect(argvs(input({ format: 'ISO', fileName: 'a,b.iso' }), 'qemu').at(-1)).toContain('a,b.iso'); // -cdrom takes the path verbatim
    expect(argvs(input({ fileName: '-x.ova', diskNames: ['-d.vmdk'] }), 'qemu')[0]).toEqual(['tar', '-xf', './-x.ova', '--', '-d.vmdk']);
  });

  it.each([
    ['a newline', 'disk\n.qcow2'],
    ['a carriage return', 'disk\r.qcow2'],
    ['a NUL', 'disk\0.qcow2'],
    ['an escape sequence', 'disk\u001b[2J.qcow2'],
    ['a Unicode line separator', 'disk\u2028.qcow2'],
    ['a path', '../../etc/passwd'],
    ['a backslash path', '..\\x.qcow2'],
    ['no name', ''],
    ['a dot', '.'],
  ])('refuses a file name with %s for every player', (_what, fileName) => {
    for (const player of ['qemu', 'virtualbox', 'vmware', 'vagrant'] as const) {
      const plan = planLaunch(input({ format: 'QCOW2', fileName }), player);
      expect(plan.supported).toBe(false);
      expect(plan.steps).toEqual([]);
    }
    expect(playersFor({ ...input({}).file, format: 'QCOW2', fileName })).toEqual([]);
  });

  it.each([['../evil.vmdk'], ['/etc/shadow'], ['a\nb.vmdk'], ['d//x.vmdk'], ['']])('refuses a disk member named %j', (member) => {
    expect(planLaunch(input({ diskNames: [member] }), 'qemu').supported).toBe(false);
  });

  it('refuses an invalid version or appliance name instead of building commands with it', () => {
    expect(planLaunch(input({}, { version: '1.0; reboot' }), 'virtualbox')).toMatchObject({ supported: false, reason: 'The version is not valid.' });
    expect(planLaunch(input({}, { appliance: 'a b' }), 'virtualbox')).toMatchObject({ supported: false });
  });
});

describe('playersFor', () => {
  const file = input({}).file;
  it.each([
    [{}, ['virtualbox', 'vmware', 'qemu']],
    [{ diskNames: [] }, ['virtualbox', 'vmware']],
    [{ format: 'VMDK', fileName: 'd.vmdk' }, ['qemu', 'virtualbox', 'vmware']],
    [{ format: 'QCOW2', fileName: 'd.qcow2' }, ['qemu', 'virtualbox']],
    [{ format: 'RAW', fileName: 'd.img' }, ['qemu', 'virtualbox']],
    [{ format: 'ISO', fileName: 'd.iso' }, ['qemu', 'virtualbox']],
    [{ format: 'VAGRANT_BOX', fileName: 'd.box', provider: 'virtualbox' }, ['vagrant']],
    [{ format: 'QCOW2', fileName: 'd.qcow2', architecture: 'arm64' }, ['qemu']],
    [{ format: 'OVF', fileName: 'd.zip', ovfName: 'd.ovf' }, ['virtualbox', 'vmware', 'qemu']],
    [{ format: 'OVF', fileName: 'd.zip', ovfName: null, diskNames: [] }, []],
  ] as [Partial<LaunchFile>, Player[]][])('%j → %j', (change, players) => {
    expect(playersFor({ ...file, ...change })).toEqual(players);
  });

  it('agrees with planLaunch: every listed player has a supported plan, every other one a reason', () => {
    const formats = ['OVA', 'OVF', 'VMDK', 'QCOW2', 'RAW', 'ISO', 'VAGRANT_BOX'] as const;
    for (const format of formats) {
      for (const architecture of ['amd64', 'arm64', 'i386'] as const) {
        const i = input({ format, architecture, fileName: `x.${format.toLowerCase()}`, provider: 'virtualbox' });
        const listed = playersFor(i.file);
        for (const player of ['qemu', 'virtualbox', 'vmware', 'vagrant'] as const) {
          const plan = planLaunch(i, player);
          expect(plan.supported, `${format}/${architecture}/${player}`).toBe(listed.includes(player));
          if (!plan.supported) expect(plan.reason).toBeTruthy();
        }
      }
    }
  });
});

describe('inputs from elsewhere in the app', () => {
  it('accepts the database spelling of architectures (AMD64, ARM64) with the same result', () => {
    const upper = input({ format: 'QCOW2', fileName: 'd.qcow2', architecture: 'ARM64' as unknown as LaunchFile['architecture'] });
    const lower = input({ format: 'QCOW2', fileName: 'd.qcow2', architecture: 'arm64' });
    expect(planLaunch(upper, 'qemu')).toEqual(planLaunch(lower, 'qemu'));
    expect(playersFor(upper.file)).toEqual(['qemu']);
  });

  it('answers unknown formats, architectures and players with a reason instead of commands', () => {
    const zip = input({ format: 'ZIP' as unknown as LaunchFile['format'] });
    expect(playersFor(zip.file)).toEqual([]);
    expect(planLaunch(zip, 'qemu')).toMatchObject({ supported: false, reason: expect.stringMatching(/ZIP is not a format/) });
    const sparc = input({ architecture: 'sparc' as unknown as LaunchFile['architecture'] });
    expect(planLaunch(sparc, 'qemu')).toMatchObject({ supported: false, reason: expect.stringMatching(/sparc/) });
    expect(planLaunch(input({}), 'parallels' as Player)).toMatchObject({ supported: false });
  });
});

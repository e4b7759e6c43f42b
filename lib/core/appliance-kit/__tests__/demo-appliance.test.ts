import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFileStem, makeDemoAppliance, type DemoApplianceOptions } from '@/lib/core/appliance-kit/demo-appliance';
import { makeTempDir, run } from './tools';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('demo');
});
afterAll(() => tmp.cleanup());

const options: DemoApplianceOptions = {
  name: 'Hello Appliance',
  vendor: 'Acme & Sons',
  version: '1.2.0-rc.1',
  message: 'Hello from Acme 1.2.0-rc.1',
  cpus: 2,
  memoryMiB: 128,
  osId: 1,
  vmwOsType: 'otherGuest',
  eula: 'Be kind.',
};

describe('makeDemoAppliance', () => {
  const demo = makeDemoAppliance(options);
  const files = [demo.raw, demo.qcow2, demo.vmdk, demo.ova, demo.box, demo.virtualboxBox];

  it('returns every form with true facts: size and sha256 of the very bytes', () => {
    for (const file of files) {
      expect(file.sizeBytes).toBe(file.bytes.length);
      expect(file.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
      expect(file.architecture).toBe('amd64');
    }
    expect(files.map((file) => [file.fileName, file.format, file.provider])).toEqual([
      ['hello-appliance-1.2.0-rc.1.img', 'RAW', null],
      ['hello-appliance-1.2.0-rc.1.qcow2', 'QCOW2', null],
      ['hello-appliance-1.2.0-rc.1.vmdk', 'VMDK', null],
      ['hello-appliance-1.2.0-rc.1.ova', 'OVA', null],
      ['hello-appliance-1.2.0-rc.1-libvirt.box', 'VAGRANT_BOX', 'libvirt'],
      ['hello-appliance-1.2.0-rc.1-virtualbox.box', 'VAGRANT_BOX', 'virtualbox'],
    ]);
    expect(demo.ova.diskNames).toEqual(['hello-appliance-1.2.0-rc.1-disk1.vmdk']);
    expect(demo.virtualSizeBytes).toBe(1024 * 1024);
    expect(demo.hardware).toEqual({ cpus: 2, memoryMiB: 128 });
  });

  it('is deterministic: same options, same bytes', () => {
    const again = makeDemoAppliance(options);
    expect([again.raw, again.qcow2, again.vmdk, again.ova, again.box, again.virtualboxBox].map((f) => f.sha256)).toEqual(
      files.map((f) => f.sha256),
    );
    expect(makeDemoAppliance({ ...options, message: 'other' }).raw.sha256).not.toBe(demo.raw.sha256);
  });

  it('packs an OVA whose disk is the VMDK and whose OVF tells the truth about it', async () => {
    await writeFile(tmp.file(demo.ova.fileName), demo.ova.bytes);
    const dir = tmp.file('ova');
    await mkdir(dir);
    await run('tar', ['-xf', tmp.file(demo.ova.fileName), '-C', dir]);
    await run('sha256sum', ['-c', 'hello-appliance-1.2.0-rc.1.mf'], { cwd: dir });
    const disk = await readFile(`${dir}/${demo.ova.diskNames[0]}`);
    expect(createHash('sha256').update(disk).digest('hex')).toBe(demo.vmdk.sha256);
    expect(await readFile(`${dir}/${demo.ovfName}`, 'utf8')).toBe(demo.ovf);
    expect(demo.ovf).toContain(`ovf:size="${demo.vmdk.sizeBytes}"`);
    expect(demo.ovf).toContain('<Vendor>Acme &amp; Sons</Vendor>');
    expect(demo.ovf).toContain('<Version>1.2.0-rc.1</Version>');
  });

  it('refuses a message the boot sector cannot print', () => {
    expect(() => makeDemoAppliance({ ...options, message: 'naïve' })).toThrow(/printable ASCII/);
  });

  it('derives safe file stems from any name and version', () => {
    expect(demoFileStem('  My App!! ', '2.0+build/5')).toBe('my-app-2.0-build-5');
    expect(demoFileStem('***', '')).toBe('appliance');
    expect(demoFileStem('../../etc', '../1')).toBe('etc-1');
  });
});

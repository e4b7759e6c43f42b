import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InspectError } from '@/lib/core/inspect/errors';
import { parseOvf } from '@/lib/core/inspect/index';
import { metadataFromOvf } from '@/lib/core/inspect/ovf-metadata';
import type { OvfDescriptor } from '@/lib/core/inspect/types';
import { validateReport } from '@/lib/core/inspect/validate-report';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
// OVF_REAL_FIXTURES points elsewhere only for the test that proves a missing folder fails this file.
const folder = process.env.OVF_REAL_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures/ovf-real');
// A missing folder must fail this file loudly, never turn into zero tests.
if (!existsSync(path.join(folder, 'labels.json'))) {
  throw new Error(`the real-OVF fixtures are missing: ${folder}/labels.json does not exist (they live in /work/shared/fixtures/ovf-real)`);
}
const labels: Record<string, 'positive' | 'negative'> = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8'));

/**
 * Labelled positive by path, but the file is an HTTP 404 page saved under an .ovf name: refusing it as
 * "not an Envelope" is the right answer.
 */
const NOT_OVF_DESPITE_LABEL = new Set(['external/DeleteHDTestdata/PvScsis_old/descriptor.ovf']);

type Outcome = { ok: true; desc: OvfDescriptor } | { ok: false; error: InspectError };

function parse(file: string): Outcome {
  try {
    return { ok: true, desc: parseOvf(readFileSync(path.join(folder, file))) };
  } catch (err) {
    if (err instanceof InspectError) return { ok: false, error: err };
    throw new Error(`${file}: parseOvf threw something other than InspectError: ${String(err)}`);
  }
}

const outcomes = new Map<string, Outcome>();
function outcome(file: string): Outcome {
  let o = outcomes.get(file);
  if (!o) outcomes.set(file, (o = parse(file)));
  return o;
}

describe('the 467 real-world descriptors', () => {
  const files = Object.keys(labels);

  it('are all there', () => {
    expect(files).toHaveLength(467);
  });

  it('every positive descriptor parses (except the saved 404 page), every negative parses or is refused with a reason', () => {
    const surprises: string[] = [];
    for (const file of files) {
      const result = outcome(file);
      if (labels[file] === 'positive' && !NOT_OVF_DESPITE_LABEL.has(file)) {
        if (!result.ok) surprises.push(`${file}: ${result.error.code} ${result.error.reason}`);
      } else if (!result.ok) {
        if (!result.error.code || result.error.reason.length < 20) surprises.push(`${file}: unclear refusal`);
      }
    }
    expect(surprises).toEqual([]);
  });

  it('refuses exactly the three documents that are not OVF envelopes', () => {
    const refused = files.filter((f) => !outcome(f).ok).sort();
    expect(refused).toEqual([
      'external/DeleteHDTestdata/PvScsis_old/descriptor.ovf',
      'external/OVFToolTemplates/OVF/xmltestfiles/Envelope/Neg/invalid_env.ovf',
      'external/jeos_corrupted.ovf',
    ]);
    const codes = refused.map((f) => {
      const o = outcome(f);
      return o.ok ? '' : o.error.code;
    });
    expect(codes).toEqual(['OVF_NOT_ENVELOPE', 'OVF_NOT_ENVELOPE', 'XML_INVALID']);
  });

  it('finds a virtual system in nearly every positive descriptor, and yields JSON-serialisable data', () => {
    let withSystem = 0;
    let positives = 0;
    for (const file of files) {
      const result = outcome(file);
      if (!result.ok) continue;
      expect(JSON.parse(JSON.stringify(result.desc))).toEqual(JSON.parse(JSON.stringify(result.desc)));
      if (labels[file] !== 'positive') continue;
      positives++;
      if (result.desc.virtualSystems.length) withSystem++;
    }
    // 14 positives are placement-policy, scale-out or vApp-template fixtures with collections but no VM
    // (checked by hand: their XML has no <VirtualSystem>); the 393 parsed positives minus those.
    expect(positives).toBe(393);
    expect(withSystem).toBe(393 - 14);
  });

  it('pass the value-and-reference rule (validateReport) when packaged with their files, but for the ones that break it', () => {
    // Each descriptor as if in an OVA holding exactly the files its References name, at their stated sizes.
    const refused = new Map<string, string>();
    let climbing = 0;
    for (const file of files) {
      const result = outcome(file);
      if (!result.ok || labels[file] !== 'positive') continue;
      const { desc } = result;
      const members = [{ name: 'x.ovf', size: 1 }, ...desc.references.map((r) => ({ name: r.href, size: r.size ?? 0 }))];
      try {
        validateReport({
          fileName: 'x.ova',
          format: 'OVA',
          size: 2 ** 40,
          metadata: { ...metadataFromOvf(desc), members },
          references: desc.references,
          descriptorMember: 'x.ovf',
          unreadable: desc.unreadable,
        });
      } catch (err) {
        if (!(err instanceof InspectError)) throw err;
        // ovftool's own test tree points at a shared ../../../vmdk folder: outside any one package.
        if (/climbs out of the package/.test(err.reason)) climbing++;
        else refused.set(file, `${err.code}: ${err.reason}`);
      }
    }
    expect(climbing).toBe(74);
    expect(Object.fromEntries(refused)).toEqual({
      'external/OVFToolTemplates/OVF/xmltestfiles/Envelope/Pos/valid_vmdk_neg_size.ovf': expect.stringMatching(/^VALUE_INVALID: the size \(ovf:size\) of the file "\.\.\/\.\.\/\.\.\/vmdk\/valid_disk\.vmdk" is -2, not a byte count/),
      'external/OVFToolTemplates/OVF/xmltestfiles/Envelope_1_0/Pos/valid_vmdk_neg_size.ovf': expect.stringMatching(/is -2, not a byte count/),
      'external/OVFToolTemplates/ovftoolresources/valid_vmdk_neg_size.ovf': expect.stringMatching(/the size \(ovf:size\) of the file "valid_disk\.vmdk" is -2/),
      'external/ovftoolresources/valid_vmdk_neg_size.ovf': expect.stringMatching(/the size \(ovf:size\) of the file "valid_disk\.vmdk" is -2/),
      'external/OVFToolTemplates/OVF/xmltestfiles/Envelope_1_0/Pos/other_schema.ovf': expect.stringMatching(/^REFERENCE_OUTSIDE_PACKAGE: .*names "\\\\pa-scratch\\scratch\\vkolapan\\ubuntu\.vmdk", an absolute path/),
      'external/OVFToolTemplates/ovftoolresources/http_uri_in_file.ovf': expect.stringMatching(/^REFERENCE_OUTSIDE_PACKAGE: .*names the URL "http:\/\/vmweb\.vmware\.com\/~vappa\/dummy\.vmdk"/),
      'external/ovf_extra_config/Nested-ESXi-3-Node-VSAN-Template.ovf': expect.stringMatching(/^VALUE_INVALID: the ProductUrl in the descriptor's ProductSection is "www\.virtuallyghetto\.com", not an http\(s\) URL/),
      'external/security-test-content/ovf/out-of-bounds-disk/haoUnOS2VMs.ovf': expect.stringMatching(/the size \(ovf:size\) of the file "haoUnOS2VMs-disk1\.vmdk" is 9223372036854776000, not a byte count/),
    });
  });

  // Values below were read off the XML by hand.
  it('ttylinux.ovf: 1 CPU, 32 MiB, a 30 MiB disk, the "nat" network, other Linux', () => {
    const { desc } = outcome('ttylinux.ovf') as { desc: OvfDescriptor };
    expect(desc.summary).toMatchObject({ cpus: 1, memoryMiB: 32, os: { id: 36, vmwOsType: 'otherLinuxGuest', family: 'linux' } });
    expect(desc.disks).toEqual([expect.objectContaining({ capacityBytes: 30 * 2 ** 20, href: 'ttylinux-pc_i486-16.1-disk1.vmdk', fileSizeBytes: 10595840, populatedSizeBytes: 18743296 })]);
    expect(desc.networks.map((n) => n.name)).toEqual(['nat']);
  });

  it('deployment-configs.ovf: the default "large" option gives 8 CPUs and 8 GiB', () => {
    const { desc } = outcome('deployment-configs.ovf') as { desc: OvfDescriptor };
    expect(desc.selectedDeploymentOption).toBe('large');
    expect(desc.deploymentOptions.map((o) => o.id)).toEqual(['small', 'medium', 'large']);
    expect(desc.summary).toMatchObject({ product: 'DeploymentConfigFixture', vendor: 'Test', version: '1.0', cpus: 8, memoryMiB: 8192 });
  });

  it('photon5.ovf: Photon OS 5.0 by VMware with its EULA and annotation', () => {
    const { desc } = outcome('photon5.ovf') as { desc: OvfDescriptor };
    expect(desc.summary).toMatchObject({ product: 'Photon OS', vendor: 'VMware Inc.', version: '5.0', fullVersion: '5.0', cpus: 1, memoryMiB: 2048 });
    expect(desc.summary.os).toMatchObject({ vmwOsType: 'vmwarePhoton64Guest', family: 'linux' });
    expect(desc.summary.eula).toMatch(/^VMWARE GENERAL TERMS/);
    expect(desc.summary.annotation).toMatch(/minimal installed profile of PhotonOS/);
    expect(desc.disks[0].capacityBytes).toBe(16 * 2 ** 30);
  });

  it('ubuntu24.10.ovf: the cloud image with 2 CPUs, 1 GiB, a 10 GiB disk', () => {
    const { desc } = outcome('ubuntu24.10.ovf') as { desc: OvfDescriptor };
    expect(desc.summary).toMatchObject({ product: 'Ubuntu 24.10 Server (20241109)', cpus: 2, memoryMiB: 1024, os: { id: 94, family: 'linux' } });
    expect(desc.disks[0]).toMatchObject({ capacityBytes: 10 * 2 ** 30, href: 'ubuntu-oracular-24.10-cloudimg.vmdk' });
    expect(desc.networks.map((n) => n.name)).toEqual(['VM Network']);
  });

  it('Zimbra (OVF 1.0 with a BOM): product URLs, two disks of 6 and 12 GiB', () => {
    const { desc } = outcome('external/VirtualAppliance-Zimbra2/Zimbra_606_Ubuntu_8041_i386_OVF10.ovf') as { desc: OvfDescriptor };
    expect(desc.summary).toMatchObject({
      product: 'Zimbra Collaboration Suite Trial',
      vendor: 'Zimbra, a Division of VMware',
      version: '6.0.6.101',
      productUrl: 'http://www.zimbra.com/products/',
      vendorUrl: 'http://www.zimbra.com/',
      cpus: 1,
      memoryMiB: 2048,
    });
    expect(desc.disks.map((d) => d.capacityBytes)).toEqual([6 * 2 ** 30, 12 * 2 ** 30]);
  });

  it('haoUnOS2VMs (a two-VM vApp): 256 MiB and 1 CPU each, summed to 2 CPUs and 512 MiB', () => {
    const { desc } = outcome('external/ovf_negative_test/ovf_with_wrong_size/haoUnOS2VMs/haoUnOS2VMs.ovf') as { desc: OvfDescriptor };
    expect(desc.isCollection).toBe(true);
    expect(desc.virtualSystems.map((s) => [s.id, s.cpus, s.memoryMiB])).toEqual([
      ['vm2', 1, 256],
      ['vm1', 1, 256],
    ]);
    expect(desc.summary).toMatchObject({ product: 'UnOS', cpus: 2, memoryMiB: 512 });
  });

  it('an OVF 0.9 descriptor (gzip_compression.ovf) still yields its disk and OS', () => {
    const { desc } = outcome('external/OVFToolTemplates/OVF/xmltestfiles/Envelope/Neg/gzip_compression.ovf') as { desc: OvfDescriptor };
    expect(desc.ovfVersion).toBe('0.9');
    expect(desc.disks[0].capacityBytes).toBe(329197568);
    expect(desc.references[0]).toMatchObject({ compression: 'gzip', size: 8589934592 });
    expect(desc.summary.os).toMatchObject({ id: 36, description: 'Other Linux (32-bit)', family: 'linux' });
  });
});

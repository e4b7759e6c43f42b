import { describe, expect, it } from 'vitest';
import { planLaunch } from '@/lib/core/launch/plan-launch';
import { renderPlan } from '@/lib/core/launch/render-plan';
import type { LaunchInput } from '@/lib/core/launch/types';

const base: LaunchInput = {
  siteUrl: 'http://localhost:3000',
  publisher: 'demo-labs',
  appliance: 'hello',
  version: '1.2.0',
  file: { id: 'f', format: 'OVA', fileName: 'hello-1.2.0.ova', sha256: 'a'.repeat(64), architecture: 'amd64', diskNames: ['hello-disk1.vmdk'] },
  hardware: { cpus: 1, memoryMiB: 64 },
};

describe('renderPlan', () => {
  it('renders a heading, a comment per step, one command per line, then the notes', () => {
    expect(renderPlan(planLaunch(base, 'qemu'))).toBe(
      [
        '# QEMU',
        '# Extract the disks from the OVA',
        'tar -xf hello-1.2.0.ova hello-disk1.vmdk',
        '# Convert hello-disk1.vmdk to qcow2',
        'qemu-img convert -O qcow2 hello-disk1.vmdk hello-disk1.qcow2',
        '# Start the virtual machine',
        'qemu-system-x86_64 -m 64 -smp 1 -drive file=hello-disk1.qcow2,format=qcow2 -nic user',
        '# Note: QEMU emulates the CPU in software unless told otherwise: add -accel kvm (Linux), -accel hvf (macOS) or -accel whpx (Windows) for hardware virtualisation.',
        '',
      ].join('\n'),
    );
  });

  it('marks optional steps and quotes hostile names', () => {
    const text = renderPlan(planLaunch({ ...base, file: { ...base.file, format: 'ISO', fileName: "it's $(x).iso" } }, 'qemu'));
    expect(text).toContain('# Create a blank disk to install onto (optional)\n');
    expect(text).toContain(`qemu-img create -f qcow2 'it'\\''s $(x)-disk.qcow2' 20G\n`);
    expect(text).toContain(`-cdrom 'it'\\''s $(x).iso' -nic user\n`);
  });

  it('renders an unsupported plan as a reason', () => {
    expect(renderPlan(planLaunch(base, 'vagrant'))).toBe('# Vagrant\n# Not supported: Vagrant runs Vagrant boxes; this file is an OVA.\n');
  });

  it('keeps every line a comment or a single command, whatever a plan carries', () => {
    const text = renderPlan({
      player: 'qemu',
      supported: true,
      steps: [{ title: 'evil\ntitle', argv: ['echo', 'ok'] }],
      notes: ['line one\r\nrm -rf /'],
    });
    expect(text).toBe('# QEMU\n# evil title\necho ok\n# Note: line one rm -rf /\n');
  });
});

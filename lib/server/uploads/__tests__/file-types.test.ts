import { describe, expect, it } from 'vitest';
import { fileNameProblem, guessArchitecture, guessFormat } from '@/lib/core/uploads/file-types';

describe('file types', () => {
  it('guesses the format and architecture from the name', () => {
    expect(guessFormat('Debian-12.OVA')).toBe('OVA');
    expect(guessFormat('jammy-server-cloudimg-arm64.img')).toBe('RAW');
    expect(guessFormat('disk.qcow2')).toBe('QCOW2');
    expect(guessFormat('box.box')).toBe('VAGRANT_BOX');
    expect(guessFormat('bundle.zip')).toBe('OVF');
    expect(guessFormat('notes.txt')).toBeNull();
    expect(guessArchitecture('jammy-server-cloudimg-arm64.img')).toBe('ARM64');
    expect(guessArchitecture('alpine-aarch64.iso')).toBe('ARM64');
    expect(guessArchitecture('freedos-i386.iso')).toBe('I386');
    expect(guessArchitecture('debian-x86_64.qcow2')).toBe('AMD64');
    expect(guessArchitecture('farm64thing.ova')).toBe('AMD64');
  });

  it('refuses names that do not fit the slot, including double extensions', () => {
    expect(fileNameProblem('x.ova', 'OVA')).toBeNull();
    expect(fileNameProblem('cloud.img', 'QCOW2')).toBeNull();
    expect(fileNameProblem('page.html', 'OVA')).toMatch(/must end in \.ova \(this one ends in \.html\)/);
    expect(fileNameProblem('x.ova.html', 'OVA')).toMatch(/\.html/);
    expect(fileNameProblem('x.svg', 'ISO')).toMatch(/\.iso/);
    expect(fileNameProblem('noextension', 'RAW')).toMatch(/must end in/);
  });
});

import { describe, expect, it } from 'vitest';
import { vagrantAddCommand } from '@/lib/core/catalog/vagrant-command';

describe('vagrantAddCommand', () => {
  it('is the short form Vagrant expands through VAGRANT_SERVER_URL', () => {
    expect(vagrantAddCommand('http://localhost:3000', 'demo-labs', 'alpine-minimal')).toBe('VAGRANT_SERVER_URL=http://localhost:3000/api/v1/vagrant vagrant box add demo-labs/alpine-minimal');
    expect(vagrantAddCommand('https://appliances.example.org/', 'a', 'b')).toBe('VAGRANT_SERVER_URL=https://appliances.example.org/api/v1/vagrant vagrant box add a/b');
  });

  it('quotes a site URL the shell would otherwise split', () => {
    expect(vagrantAddCommand("http://host/x y;rm -rf ~'", 'a', 'b')).toBe(`VAGRANT_SERVER_URL='http://host/x y;rm -rf ~'\\''/api/v1/vagrant' vagrant box add a/b`);
  });
});

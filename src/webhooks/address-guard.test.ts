import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, forbiddenAddressReason, UnsafeAddressError } from './address-guard.ts';

describe('address guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'], ['169.254.169.254', 'link-local'], ['100.64.0.1', 'carrier-grade NAT'], ['0.0.0.0', 'unspecified ("this network")'],
    ['224.0.0.1', 'multicast'], ['255.255.255.255', 'reserved'], ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local'], ['fc00::1', 'unique-local'], ['ff02::1', 'multicast'], ['::ffff:127.0.0.1', 'loopback (IPv4 inside IPv6)'],
    ['::ffff:7f00:1', 'loopback (IPv4 inside IPv6)'], ['::ffff:10.0.0.1', 'private (IPv4 inside IPv6)'], ['64:ff9b::a9fe:a9fe', 'link-local (IPv4 inside IPv6)'],
    ['2002:c0a8:0101::1', 'private (IPv4 inside IPv6)'], ['fe80::1%eth0', 'link-local'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(forbiddenAddressReason(address)).toBe(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it('refuses a name that resolves to loopback (localhost), with the real resolver', async () => {
    await expect(checkWebhookUrl('http://localhost:8080/hook')).rejects.toThrow(/host localhost resolves to a loopback address/);
  });

  it('refuses a name when any of its addresses is private (one bad answer among good ones)', async () => {
    const lookup = async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.5', family: 4 }];
    await expect(checkWebhookUrl('https://hooks.example.org/x', { lookup })).rejects.toThrow(/private address \(10\.0\.0\.5\)/);
    const good = async () => [{ address: '93.184.215.14', family: 4 }];
    await expect(checkWebhookUrl('https://hooks.example.org/x', { lookup: good })).resolves.toMatchObject({ addresses: [{ address: '93.184.215.14' }] });
  });

  it('refuses IP literals, odd schemes and credentials; allows private ones only when the operator says so', async () => {
    await expect(checkWebhookUrl('http://[::1]:9000/')).rejects.toBeInstanceOf(UnsafeAddressError);
    await expect(checkWebhookUrl('http://169.254.169.254/latest/meta-data')).rejects.toThrow(/link-local/);
    await expect(checkWebhookUrl('ftp://example.org/')).rejects.toThrow(/https/);
    await expect(checkWebhookUrl('https://user:pw@example.org/')).rejects.toThrow(/password/);
    await expect(checkWebhookUrl('not a url')).rejects.toThrow(/valid URL/);
    await expect(checkWebhookUrl('http://127.0.0.1:9000/', { allowPrivate: true })).resolves.toBeTruthy();
    await expect(checkWebhookUrl('http://localhost:9000/', { allowPrivate: true })).resolves.toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { addressPolicy, parseAddress, parseAllowList } from './address-policy.js';

describe('addressPolicy without an allow list', () => {
  const policy = addressPolicy([]);

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.167.255.255',
    '169.253.255.255',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '2002:808:808::1',
    '64:ff9b::808:808',
  ])('allows the public address %s', (address) => {
    expect(policy.isAllowed('example.org', address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback /8'],
    ['10.0.0.1', 'RFC 1918'],
    ['10.255.255.255', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'link-local / cloud metadata'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.10', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['0:0:0:0:0:0:0:1', 'IPv6 loopback, long form'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with zone'],
    ['febf:ffff::1', 'IPv6 link-local, top of /10'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::FFFF:10.1.2.3', 'IPv4-mapped private, upper case'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['0:0:0:0:0:ffff:192.168.0.1', 'IPv4-mapped private, long form'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['64:ff9b::7f00:1', 'NAT64 loopback'],
    ['2002:7f00:1::1', '6to4 loopback'],
    ['2002:c0a8:101::', '6to4 private'],
    ['[::1]', 'bracketed loopback'],
  ])('refuses %s (%s)', (address) => {
    expect(policy.isAllowed('example.org', address)).toBe(false);
  });

  it('refuses what is not an IP address', () => {
    expect(policy.isAllowed('example.org', 'example.org')).toBe(false);
    expect(policy.isAllowed('example.org', '')).toBe(false);
    expect(policy.isAllowed('example.org', '256.0.0.1')).toBe(false);
    expect(policy.isAllowed('example.org', '1.2.3')).toBe(false);
  });

  it('refuses a public name that resolves to loopback (the address decides)', () => {
    expect(policy.isAllowed('rebind.example.org', '127.0.0.1')).toBe(false);
  });
});

describe('addressPolicy with an allow list', () => {
  const policy = addressPolicy(['127.0.0.1', '10.0.0.0/8', '::1', 'Mirror.Local', 'fd00:abcd::/32', '192.168.1.0/28']);

  it('allows a listed address, IPv4 and IPv6, also in its mapped form', () => {
    expect(policy.isAllowed('anything', '127.0.0.1')).toBe(true);
    expect(policy.isAllowed('anything', '::ffff:127.0.0.1')).toBe(true);
    expect(policy.isAllowed('anything', '::1')).toBe(true);
    expect(policy.isAllowed('anything', '0::1')).toBe(true);
    expect(policy.isAllowed('anything', '127.0.0.2')).toBe(false);
  });

  it('allows addresses inside a listed CIDR and nothing next to it', () => {
    expect(policy.isAllowed('x', '10.0.0.1')).toBe(true);
    expect(policy.isAllowed('x', '10.255.0.9')).toBe(true);
    expect(policy.isAllowed('x', '::ffff:10.9.9.9')).toBe(true);
    expect(policy.isAllowed('x', '192.168.1.15')).toBe(true);
    expect(policy.isAllowed('x', '192.168.1.16')).toBe(false);
    expect(policy.isAllowed('x', '172.16.0.1')).toBe(false);
    expect(policy.isAllowed('x', 'fd00:abcd:1::5')).toBe(true);
    expect(policy.isAllowed('x', 'fd00:abce::5')).toBe(false);
  });

  it('allows any address for a listed host name, case- and trailing-dot-insensitively', () => {
    expect(policy.isAllowed('mirror.local', '192.168.7.7')).toBe(true);
    expect(policy.isAllowed('MIRROR.LOCAL.', '127.0.0.53')).toBe(true);
    expect(policy.isAllowed('other.local', '192.168.7.7')).toBe(false);
    expect(policy.isAllowed('mirror.local.evil.org', '192.168.7.7')).toBe(false);
  });

  it('still refuses non-addresses for a listed host', () => {
    expect(policy.isAllowed('mirror.local', 'not-an-ip')).toBe(false);
  });

  it('keeps allowing public addresses', () => {
    expect(policy.isAllowed('example.org', '8.8.8.8')).toBe(true);
  });

  it('takes an IPv6 literal host in brackets', () => {
    const p = addressPolicy(['[::1]']);
    expect(p.isAllowed('[::1]', '::1')).toBe(true);
  });

  it('takes IPv4 CIDRs written in mapped IPv6 form and IPv6 /0', () => {
    expect(addressPolicy(['::ffff:127.0.0.0/104']).isAllowed('x', '127.1.2.3')).toBe(true);
    expect(addressPolicy(['0.0.0.0/0']).isAllowed('x', '10.1.1.1')).toBe(true);
    expect(addressPolicy(['0.0.0.0/0']).isAllowed('x', 'fe80::1')).toBe(false);
    expect(addressPolicy(['::/0']).isAllowed('x', 'fe80::1')).toBe(true);
  });

  it('throws on a malformed CIDR', () => {
    expect(() => addressPolicy(['10.0.0.0/33'])).toThrow(/CIDR/);
    expect(() => addressPolicy(['::/129'])).toThrow(/CIDR/);
    expect(() => addressPolicy(['mirror.local/8'])).toThrow(/CIDR/);
    expect(() => addressPolicy(['10.0.0.0/'])).toThrow(/CIDR/);
  });
});

describe('parseAllowList', () => {
  it('splits on commas and drops blanks', () => {
    expect(parseAllowList(' 127.0.0.1, 10.0.0.0/8 ,,::1,mirror.local ')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'mirror.local']);
    expect(parseAllowList(undefined)).toEqual([]);
    expect(parseAllowList('')).toEqual([]);
  });
});

describe('parseAddress', () => {
  it('maps IPv4 to ::ffff:a.b.c.d', () => {
    expect(Array.from(parseAddress('1.2.3.4') ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
  });

  it('expands :: and embedded IPv4', () => {
    expect(Array.from(parseAddress('2001:db8::1') ?? [])).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(parseAddress('::ffff:1.2.3.4') ?? [])).toEqual(Array.from(parseAddress('1.2.3.4') ?? []));
    expect(Array.from(parseAddress('1::') ?? [])).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('returns null for non-addresses', () => {
    expect(parseAddress('example.org')).toBeNull();
    expect(parseAddress('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseAddress('01.2.3.4')).toBeNull();
  });
});

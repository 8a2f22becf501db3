/**
 * Which network addresses the server may connect to on behalf of an admin-entered URL
 * (webhook targets). Public unicast addresses are fine; loopback, private, shared (CGNAT),
 * link-local (cloud metadata at 169.254.169.254), multicast, reserved and documentation
 * ranges are refused unless an operator allow-lists their network — otherwise a webhook
 * (and its delivery log of status codes, errors and latencies) becomes a probe of the
 * internal network. IPv6 forms that embed an IPv4 address (::ffff:a.b.c.d, NAT64
 * 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address.
 */
import dns from 'node:dns';
import net from 'node:net';

/** IANA special-purpose IPv4 blocks and the private ranges (RFC 6890 and successors). */
const NON_PUBLIC_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
];

/** IANA special-purpose IPv6 blocks (embedded-IPv4 forms are unwrapped before this list). */
const NON_PUBLIC_V6: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback ::1, deprecated IPv4-compatible addresses
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const nonPublic = new net.BlockList();
for (const [address, prefix] of NON_PUBLIC_V4) nonPublic.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of NON_PUBLIC_V6) nonPublic.addSubnet(address, prefix, 'ipv6');

/** The 16 bytes of an IPv6 address. */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase().split('%')[0];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

/** The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | null {
  const b = ipv6Bytes(address);
  const quad = (i: number) => b.slice(i, i + 4).join('.');
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return quad(12); // ::ffff:a.b.c.d
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return quad(12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return quad(2); // 2002:aabb:ccdd::/48
  return null;
}

/** A network an operator allows although it is not public. */
export interface AllowedNetwork {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a single address; throws with a readable message. */
export function parseNetwork(text: string): AllowedNetwork {
  const [address = '', prefixText] = text.trim().split('/');
  const version = net.isIP(address);
  if (!version) throw new Error(`"${text}" is not an IP address or CIDR network`);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`"${text}" has an invalid prefix length`);
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Decides whether an address may be connected to. */
export class AddressPolicy {
  private readonly allowed = new net.BlockList();

  /** `'any'` allows every address (development); otherwise public ones plus `networks`. */
  constructor(private readonly networks: readonly string[] | 'any') {
    if (networks !== 'any') for (const n of networks.map(parseNetwork)) this.allowed.addSubnet(n.address, n.prefix, n.family);
  }

  /** Whether the policy checks anything at all. */
  get enforcing(): boolean {
    return this.networks !== 'any';
  }

  /** Why `address` is refused, or null when it may be used. */
  refusal(address: string): string | null {
    if (!this.enforcing) return null;
    const version = net.isIP(address);
    if (!version) return `${address} is not an IP address`;
    const family = version === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(address, family)) return null;
    const v4 = family === 'ipv6' ? embeddedIpv4(address) : null;
    if (v4) return this.allowed.check(v4, 'ipv4') ? null : nonPublic.check(v4, 'ipv4') ? `${address} (${v4}) is not a public address` : null;
    return nonPublic.check(address, family) ? `${address} is not a public address` : null;
  }

  /**
   * Resolves `hostname` (an IP literal stands for itself) and returns the refusal of the first
   * address that is not allowed, or null when all are. A name that does not resolve is refused.
   */
  async checkHost(hostname: string): Promise<string | null> {
    if (!this.enforcing) return null;
    const host = hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host)) return this.refusal(host);
    let addresses: dns.LookupAddress[];
    try {
      addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    } catch {
      return `${host} does not resolve`;
    }
    for (const a of addresses) {
      const why = this.refusal(a.address);
      if (why) return `${host} resolves to ${why}`;
    }
    return addresses.length ? null : `${host} does not resolve`;
  }

  /**
   * A `lookup` for `http.request` that refuses disallowed addresses at connection time, so a
   * name that resolved to a public address when checked cannot switch to an internal one
   * afterwards (DNS rebinding): the socket connects only to addresses this lookup handed out.
   */
  lookup(): net.LookupFunction {
    return (hostname, options, callback) => {
      dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
        if (error) return callback(error, '', 4);
        const list = addresses;
        for (const a of list) {
          const why = this.refusal(a.address);
          if (why) return callback(Object.assign(new Error(`address not allowed: ${hostname} resolves to ${why}`), { code: 'EADDRNOTALLOWED' }), '', 4);
        }
        if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
        const first = list[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 4);
        return callback(null, first.address, first.family);
      });
    };
  }
}

import { BlockList, isIP } from 'node:net';

/**
 * The address of the client behind any trusted reverse proxies: the connection's peer, unless
 * it is a trusted proxy, in which case the `X-Forwarded-For` chain is walked from the right
 * (the hop the proxy itself added) past every trusted proxy. Entries a client wrote itself sit
 * further left and are never reached while an untrusted hop comes first, so a client cannot
 * choose its address by sending the header.
 */
export class ClientAddressResolver {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  constructor(trustedProxies: readonly string[] = []) {
    for (const entry of trustedProxies) {
      const [address, prefix] = entry.split('/') as [string, string | undefined];
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.trusted.addAddress(address, family);
      else this.trusted.addSubnet(address, Number(prefix), family);
    }
    this.any = trustedProxies.length > 0;
  }

  resolve(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    let address = normalise(peer ?? '') || 'unknown';
    if (!this.any || forwardedFor === undefined) return address;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((hop) => normalise(hop.trim()));
    while (this.isTrusted(address) && hops.length > 0) {
      const next = hops.pop() as string;
      if (isIP(next) === 0) break;
      address = next;
    }
    return address;
  }

  private isTrusted(address: string): boolean {
    const family = isIP(address);
    if (family === 0) return false;
    return this.trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) → `127.0.0.1`. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

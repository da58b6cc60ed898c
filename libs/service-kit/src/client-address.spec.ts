import { ClientAddressResolver } from './client-address';
import { ConfigError, loadServiceConfig } from './config';

describe('ClientAddressResolver', () => {
  it('trusts no header without configured proxies: the connection is the client', () => {
    const resolver = new ClientAddressResolver();
    expect(resolver.resolve('10.0.0.5', '203.0.113.9')).toBe('10.0.0.5');
    expect(resolver.resolve('::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(resolver.resolve(undefined, undefined)).toBe('unknown');
  });

  it('takes the forwarded client from a trusted proxy, walking past every trusted hop', () => {
    const resolver = new ClientAddressResolver(['10.0.0.0/8', '127.0.0.1']);
    expect(resolver.resolve('::ffff:10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    expect(resolver.resolve('127.0.0.1', '198.51.100.4, 10.9.9.9')).toBe('198.51.100.4');
    expect(resolver.resolve('127.0.0.1', ['198.51.100.4', '10.9.9.9'])).toBe('198.51.100.4');
  });

  it('does not let a client choose its address: spoofed entries left of an untrusted hop are ignored', () => {
    const resolver = new ClientAddressResolver(['10.0.0.0/8']);
    // The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the real peer 203.0.113.9.
    expect(resolver.resolve('10.0.0.2', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    // A request that does not come through the proxy keeps its own address.
    expect(resolver.resolve('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    // Garbage in the header stops the walk at the last trusted hop.
    expect(resolver.resolve('10.0.0.2', 'not-an-address')).toBe('10.0.0.2');
  });

  it('matches IPv6 ranges', () => {
    const resolver = new ClientAddressResolver(['fd00::/8']);
    expect(resolver.resolve('fd12::1', '2001:db8::7')).toBe('2001:db8::7');
  });
});

describe('service configuration of proxies, public URL and metrics token', () => {
  const base = {
    DATABASE_URL: 'postgres://db/quartier',
    OIDC_ISSUER: 'https://sso.example.de/realms/q',
    METRICS_DISABLED: 'true',
  };

  it('defaults to no trusted proxy and no public URL', () => {
    const config = loadServiceConfig(base);
    expect(config.TRUSTED_PROXIES).toEqual([]);
    expect(config.QUARTIER_PUBLIC_URL).toBeUndefined();
  });

  it('parses addresses and ranges, and strips the public URL’s trailing slash', () => {
    const config = loadServiceConfig({
      ...base,
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8',
      QUARTIER_PUBLIC_URL: 'https://quartier.example.de/',
      METRICS_TOKEN: 'a-long-enough-token-1234',
    });
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
    expect(config.QUARTIER_PUBLIC_URL).toBe('https://quartier.example.de');
  });

  it('names every bad value', () => {
    let problems: string[] = [];
    try {
      loadServiceConfig({ ...base, TRUSTED_PROXIES: '10.0.0.0/33,nginx', METRICS_TOKEN: 'short' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^TRUSTED_PROXIES: TRUSTED_PROXIES must be comma-separated IP addresses/),
      'METRICS_TOKEN: METRICS_TOKEN must be at least 16 characters',
    ]);
    expect(() => loadServiceConfig({ ...base, QUARTIER_PUBLIC_URL: 'ftp://x' })).toThrow(
      /QUARTIER_PUBLIC_URL must be an http\(s\):\/\/ URL/,
    );
  });
});

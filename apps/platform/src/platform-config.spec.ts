import { loadPlatformConfig } from './platform-config';

describe('platform configuration', () => {
  const external = { DATABASE_URL: 'postgres://db.example.de/quartier' };
  const TOKEN = 'scrape-token-0123456789';

  it('runs the demo on the embedded database: dev login, demo data, loopback only', () => {
    const config = loadPlatformConfig({});
    expect(config).toMatchObject({
      devLogin: true,
      demo: true,
      HOST: '127.0.0.1',
      TRUSTED_PROXIES: [],
      publicUrl: 'http://localhost:3000',
      // A kept data directory stays durable; only a run that deletes it may skip the fsyncs.
      QUARTIER_DATA_THROWAWAY: false,
    });
    expect(loadPlatformConfig({ QUARTIER_DATA_THROWAWAY: 'true' }).QUARTIER_DATA_THROWAWAY).toBe(true);
  });

  it('refuses an external database without OIDC_ISSUER, unless the dev login is asked for by name', () => {
    expect(() => loadPlatformConfig(external)).toThrow(
      /OIDC_ISSUER: required with DATABASE_URL .*QUARTIER_DEV_LOGIN=true/,
    );
    expect(() => loadPlatformConfig({ ...external, QUARTIER_DEV_LOGIN: 'false' })).toThrow(/OIDC_ISSUER/);
    expect(loadPlatformConfig({ ...external, QUARTIER_DEV_LOGIN: 'true' })).toMatchObject({ devLogin: true });
    expect(
      loadPlatformConfig({ ...external, OIDC_ISSUER: 'https://sso.example.de/realms/quartier' }),
    ).toMatchObject({ devLogin: false });
  });

  it('takes the public origin as a service container does: http(s) only, without trailing slashes', () => {
    expect(loadPlatformConfig({ QUARTIER_PUBLIC_URL: 'https://quartier.example.de//' }).publicUrl).toBe(
      'https://quartier.example.de',
    );
    expect(loadPlatformConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
    expect(() => loadPlatformConfig({ QUARTIER_PUBLIC_URL: 'ftp://quartier.example.de' })).toThrow(
      /QUARTIER_PUBLIC_URL: QUARTIER_PUBLIC_URL must be an http\(s\):\/\/ URL/,
    );
    expect(() => loadPlatformConfig({ OIDC_ISSUER: 'sso' })).toThrow(/OIDC_ISSUER must be the issuer URL/);
  });

  it('lets migrate and seed run against an external database without any login provider', () => {
    expect(loadPlatformConfig(external, { serving: false })).toMatchObject({ devLogin: false });
  });

  it('never seeds demo data into an external database unless QUARTIER_DEMO=true', () => {
    const oidc = { ...external, OIDC_ISSUER: 'https://sso.example.de/realms/quartier' };
    expect(loadPlatformConfig(oidc).demo).toBe(false);
    expect(loadPlatformConfig({ ...oidc, QUARTIER_DEMO: 'true' }).demo).toBe(true);
    expect(loadPlatformConfig({ QUARTIER_DEMO: 'false' }).demo).toBe(false);
  });

  it('listens where HOST says, and validates HOST, TRUSTED_PROXIES and METRICS_TOKEN', () => {
    expect(loadPlatformConfig({ HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }).HOST).toBe('0.0.0.0');
    expect(loadPlatformConfig({ TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' }).TRUSTED_PROXIES).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(() => loadPlatformConfig({ HOST: 'a b' })).toThrow(/HOST/);
    expect(() => loadPlatformConfig({ TRUSTED_PROXIES: 'nginx' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadPlatformConfig({ METRICS_TOKEN: 'x' })).toThrow(/METRICS_TOKEN/);
  });

  it('refuses to serve open metrics beyond loopback: HOST opened to the network needs METRICS_TOKEN', () => {
    const refused = /METRICS_TOKEN: required when HOST \(0\.0\.0\.0\) is reachable beyond loopback/;
    for (const env of [
      { HOST: '0.0.0.0' },
      { HOST: '0.0.0.0', ...external, QUARTIER_DEV_LOGIN: 'true' },
      { HOST: '0.0.0.0', ...external, OIDC_ISSUER: 'https://sso.example.de/realms/quartier' },
    ])
      expect(() => loadPlatformConfig(env)).toThrow(refused);
    for (const host of ['::', '192.168.1.20', 'quartier.intranet.example'])
      expect(() => loadPlatformConfig({ HOST: host })).toThrow(/METRICS_TOKEN: required/);
    // With the token, or metrics switched off, it starts; the API port then serves no metrics.
    expect(loadPlatformConfig({ HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
    expect(loadPlatformConfig({ HOST: '::', METRICS_DISABLED: 'true' }).METRICS_DISABLED).toBe(true);
    expect(() => loadPlatformConfig({ HOST: '0.0.0.0', METRICS_DISABLED: 'false' })).toThrow(/METRICS_TOKEN/);
    // Loopback alone may keep metrics open (the default), and migrate/seed listen nowhere.
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1'])
      expect(loadPlatformConfig({ HOST: host }).METRICS_DISABLED).toBe(false);
    expect(loadPlatformConfig({ HOST: '0.0.0.0', ...external }, { serving: false }).HOST).toBe('0.0.0.0');
  });

  it('starts the clock where QUARTIER_CLOCK_START says, refusing anything but an ISO instant', () => {
    expect(loadPlatformConfig({ QUARTIER_CLOCK_START: '2026-03-02T09:00:00Z' }).QUARTIER_CLOCK_START).toBe(
      '2026-03-02T09:00:00Z',
    );
    expect(loadPlatformConfig({}).QUARTIER_CLOCK_START).toBeUndefined();
    expect(() => loadPlatformConfig({ QUARTIER_CLOCK_START: 'Montag' })).toThrow(/QUARTIER_CLOCK_START/);
  });

  it('keeps the cities’ calendar in QUARTIER_TIME_ZONE, Berlin unless set, refusing an unknown zone', () => {
    expect(loadPlatformConfig({}).QUARTIER_TIME_ZONE).toBe('Europe/Berlin');
    expect(loadPlatformConfig({ QUARTIER_TIME_ZONE: 'Europe/Zurich' }).QUARTIER_TIME_ZONE).toBe(
      'Europe/Zurich',
    );
    expect(() => loadPlatformConfig({ QUARTIER_TIME_ZONE: 'MEZ' })).toThrow(
      /QUARTIER_TIME_ZONE: QUARTIER_TIME_ZONE must be an IANA time zone .*"MEZ" is unknown/,
    );
  });
});

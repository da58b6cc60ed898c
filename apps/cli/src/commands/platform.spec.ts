import { defaultPlatformUrl } from './platform';

describe('token: where the platform is', () => {
  it('follows the platform’s own settings: QUARTIER_URL, then QUARTIER_PUBLIC_URL, then PORT', () => {
    expect(defaultPlatformUrl({})).toBe('http://localhost:3000');
    expect(defaultPlatformUrl({ PORT: '4100' })).toBe('http://localhost:4100');
    expect(defaultPlatformUrl({ PORT: '4100', QUARTIER_PUBLIC_URL: 'https://quartier.example.de/' })).toBe(
      'https://quartier.example.de',
    );
    expect(
      defaultPlatformUrl({
        PORT: '4100',
        QUARTIER_PUBLIC_URL: 'https://q.example.de',
        QUARTIER_URL: 'http://10.0.0.5:3000',
      }),
    ).toBe('http://10.0.0.5:3000');
  });
});

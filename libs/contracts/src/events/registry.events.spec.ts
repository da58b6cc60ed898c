import { tenantPublicProfileSchema, tenantUpsertedV1 } from './registry.events';

describe('tenant public profile', () => {
  it('takes an operator name and http(s) links, each optional', () => {
    expect(
      tenantPublicProfileSchema.parse({
        operatorName: ' Bezirksamt Mitte ',
        imprintUrl: 'https://www.berlin.de/impressum',
      }),
    ).toEqual({
      operatorName: 'Bezirksamt Mitte',
      imprintUrl: 'https://www.berlin.de/impressum',
      privacyUrl: null,
    });
  });

  it('refuses links that are not http(s) and unknown fields', () => {
    expect(tenantPublicProfileSchema.safeParse({ imprintUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(tenantPublicProfileSchema.safeParse({ privacyUrl: 'data:text/html,x' }).success).toBe(false);
    expect(tenantPublicProfileSchema.safeParse({ operator: 'x' }).success).toBe(false);
  });

  it('keeps tenant events of registries before the profile valid', () => {
    expect(tenantUpsertedV1.safeParse({ tenantId: 'berlin-demo', name: 'Berlin', levels: [] }).success).toBe(
      true,
    );
  });
});

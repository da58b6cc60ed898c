import { z } from 'zod';
import { patchBody } from './patch-body';

describe('patchBody', () => {
  const body = patchBody({ name: z.string().optional(), size: z.number().optional() });

  it('passes the fields a caller changes', () => {
    expect(body.parse({ size: 3 })).toEqual({ size: 3 });
  });

  it('refuses a body that changes nothing', () => {
    const result = body.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['nothing to change']);
  });

  it('refuses a field it does not name', () => {
    const result = body.safeParse({ name: 'a', colour: 'red' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

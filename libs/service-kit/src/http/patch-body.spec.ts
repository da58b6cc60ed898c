import { z } from 'zod';
import { changeable, patchBody } from './patch-body';

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

describe('changeable', () => {
  const create = { name: z.string().min(1), status: z.enum(['open', 'closed']).default('open') };
  const change = patchBody(changeable(create));

  it('leaves out what a change does not name, instead of filling in the create default', () => {
    expect(change.parse({ name: 'b' })).toEqual({ name: 'b' });
  });

  it("keeps each field's own rules", () => {
    expect(change.safeParse({ name: '' }).success).toBe(false);
    expect(change.safeParse({ status: 'gone' }).success).toBe(false);
    expect(change.parse({ status: 'closed' })).toEqual({ status: 'closed' });
  });
});

import { createHash } from 'node:crypto';

/**
 * What is stored of an invitation code: its SHA-256, never the code. Spaces, dashes and case are
 * ignored, so a code typed from paper ("abcde fghjk") finds the printed one ("ABCDE-FGHJK").
 * Issuing (the survey service) and redeeming (the collection service) both hash through here.
 */
export function hashInvitationCode(code: string): Buffer {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest();
}

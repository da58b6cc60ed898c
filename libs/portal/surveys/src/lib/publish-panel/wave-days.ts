import { dayIn } from '@quartier/portal-ui/days';

/**
 * The days a new wave is proposed to open and close on: today and 60 days on, on the platform's
 * calendar (`timeZone`, which the registry's `/me` tells) — the survey service stores
 * submissions by the platform's days, so the browser's own zone, or the UTC day, would propose
 * yesterday or tomorrow around midnight.
 */
export function proposedWaveDays(now: Date, timeZone: string): { opensOn: string; closesOn: string } {
  return {
    opensOn: dayIn(now, timeZone),
    closesOn: dayIn(new Date(now.getTime() + 60 * 86_400_000), timeZone),
  };
}

import type { AreaImportJob } from '@quartier/portal-data-access';
import { progressPercent } from '@quartier/portal-ui/jobs';

/**
 * Percentage for the progress bar from the server's byte progress (the upload is streamed, so
 * the feature count is known only at the end); null while it is not a number (indeterminate bar).
 */
export function importPercent(job: AreaImportJob): number | null {
  if (job.status === 'succeeded') return 100;
  return Number.isFinite(job.progress) ? progressPercent(job.progress) : null;
}

/**
 * Polling interval: quick at first so a small import feels instant, then slower so a 100 MB
 * import does not hammer the registry with requests for minutes.
 */
export function pollDelayMs(attempt: number): number {
  return Math.min(2000, 250 * 2 ** Math.max(0, attempt));
}

/** Feature numbers as people count them (the API's index is 0-based). */
export function featureNumber(index: number): number {
  return index + 1;
}

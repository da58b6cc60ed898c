import { jobActive, progressPercent } from '@quartier/portal-ui/jobs';
import type { ReportView } from '../report-jobs';

/** How far a queued or running job is, in whole percent; null once it has ended (no progress bar). */
export function runningPercent(report: Pick<ReportView, 'status' | 'progress'>): number | null {
  return jobActive(report.status) ? progressPercent(report.progress) : null;
}

import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { dashboardSchema } from './dashboard.dto';
import type { DashboardService } from './dashboard.service';

// Compile-time proof that the dashboard answers what its response schema documents.
export type _DashboardAnswer = Expect<
  Answers<AnswerOf<DashboardService['dashboard']>, typeof dashboardSchema>
>;

import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { acceptedAllocationSchema, allocationPreviewSchema } from './allocation.dto';
import type { AllocationsService } from './allocations.service';

// Compile-time proof that the allocation routes answer what their response schemas document.
// (The list reads stored JSON rows, typed only by the schema.)
export type _PreviewAnswer = Expect<
  Answers<AnswerOf<AllocationsService['preview']>, typeof allocationPreviewSchema>
>;
export type _AcceptAnswer = Expect<
  Answers<AnswerOf<AllocationsService['accept']>, typeof acceptedAllocationSchema>
>;

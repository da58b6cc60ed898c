import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { liveComparisonSchema, snapshotInfoSchema, snapshotListSchema } from './snapshot.dto';
import type { SnapshotsService } from './snapshots.service';

// Compile-time proof that the snapshot routes answer what their response schemas document.
export type _TakeAnswer = Expect<Answers<AnswerOf<SnapshotsService['take']>, typeof snapshotInfoSchema>>;
export type _ListAnswer = Expect<Answers<AnswerOf<SnapshotsService['list']>, typeof snapshotListSchema>>;
export type _LiveAnswer = Expect<
  Answers<AnswerOf<SnapshotsService['compareWithLive']>, typeof liveComparisonSchema>
>;

import { z } from 'zod';
import {
  areaDeletedV1,
  areaUpsertedV1,
  areaVersionCreatedV1,
  crosswalkReplacedV1,
  roleAssignmentGrantedV1,
  roleAssignmentRevokedV1,
  tenantUpsertedV1,
} from './events/registry.events';
import {
  indicatorIndexComputedV1,
  indicatorIndexResultsV1,
  indicatorValuesPublishedV1,
  indicatorValuesChangedV1,
  networkMetricsComputedV1,
  surveyNetworkResponseSubmittedV1,
  surveyResponseSubmittedV1,
  surveyResultsPublishedV1,
} from './events/domain.events';
import { measureUpsertedV1, programmeUpsertedV1 } from './events/programme.events';
import {
  evaluationCreatedV1,
  evaluationFinalisedV1,
  evaluationSnapshotTakenV1,
} from './events/evaluation.events';
import type { ServiceName } from './values';

/**
 * Every event type the platform knows, with its current version, producer and payload schema.
 * Adding a field is additive within a version; a breaking change becomes a new version that
 * consumers accept in parallel.
 */
export const EVENTS = {
  'registry.tenant.upserted': { version: 1, producer: 'registry', schema: tenantUpsertedV1 },
  'registry.area.upserted': { version: 1, producer: 'registry', schema: areaUpsertedV1 },
  'registry.area.deleted': { version: 1, producer: 'registry', schema: areaDeletedV1 },
  'registry.area-version.created': { version: 1, producer: 'registry', schema: areaVersionCreatedV1 },
  'registry.crosswalk.replaced': { version: 1, producer: 'registry', schema: crosswalkReplacedV1 },
  'registry.role-assignment.granted': { version: 1, producer: 'registry', schema: roleAssignmentGrantedV1 },
  'registry.role-assignment.revoked': { version: 1, producer: 'registry', schema: roleAssignmentRevokedV1 },
  'indicator.values.changed': { version: 1, producer: 'indicator', schema: indicatorValuesChangedV1 },
  'indicator.index.computed': { version: 1, producer: 'indicator', schema: indicatorIndexComputedV1 },
  'indicator.values.published': { version: 1, producer: 'indicator', schema: indicatorValuesPublishedV1 },
  'indicator.index.results': { version: 1, producer: 'indicator', schema: indicatorIndexResultsV1 },
  'network.metrics.computed': { version: 1, producer: 'network', schema: networkMetricsComputedV1 },
  'survey.response.submitted': { version: 1, producer: 'survey', schema: surveyResponseSubmittedV1 },
  'survey.network-response.submitted': {
    version: 1,
    producer: 'survey',
    schema: surveyNetworkResponseSubmittedV1,
  },
  'survey.results.published': { version: 1, producer: 'survey', schema: surveyResultsPublishedV1 },
  'programme.programme.upserted': { version: 1, producer: 'programme', schema: programmeUpsertedV1 },
  'programme.measure.upserted': { version: 1, producer: 'programme', schema: measureUpsertedV1 },
  'evaluation.created': { version: 1, producer: 'evaluation', schema: evaluationCreatedV1 },
  'evaluation.snapshot-taken': { version: 1, producer: 'evaluation', schema: evaluationSnapshotTakenV1 },
  'evaluation.finalised': { version: 1, producer: 'evaluation', schema: evaluationFinalisedV1 },
} as const satisfies Record<string, { version: number; producer: ServiceName; schema: z.ZodType }>;

export type EventType = keyof typeof EVENTS;
export type EventMap = { [K in EventType]: z.infer<(typeof EVENTS)[K]['schema']> };
export type EventPayload<K extends EventType> = EventMap[K];

export const isKnownEventType = (type: string): type is EventType => Object.hasOwn(EVENTS, type);

export type EventValidation<K extends EventType> =
  { ok: true; type: K; payload: EventPayload<K> } | { ok: false; reason: string };

/**
 * Checks an incoming envelope's type, version and payload against the contract. Unknown types
 * or versions are reported (the messaging layer dead-letters them with this reason).
 */
export function validateEvent(type: string, version: number, payload: unknown): EventValidation<EventType> {
  if (!isKnownEventType(type)) return { ok: false, reason: `unknown event type ${type}` };
  const contract = EVENTS[type];
  if (contract.version !== version) {
    return { ok: false, reason: `unsupported version ${version} of ${type} (known: ${contract.version})` };
  }
  const parsed = contract.schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `invalid ${type} payload at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    };
  }
  return { ok: true, type, payload: parsed.data as EventPayload<EventType> };
}

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
  indicatorValuesPublishedV2,
  indicatorValuesChangedV1,
  valuesPublishedV1ToV2,
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
import { firstIssue } from './envelope';
import type { ServiceName } from './values';

/**
 * An earlier version consumers still accept: its schema, and how its payload reads in the
 * current version (or why this one cannot). Producers only write the current version; Kafka
 * may still hold events of the earlier one written before the producer was upgraded.
 */
interface EarlierVersion {
  version: number;
  schema: z.ZodType;
  upgrade: (payload: never) => unknown;
}

/**
 * Every event type the platform knows, with its current version, producer and payload schema.
 * Adding a field is additive within a version; a breaking change becomes a new version, and
 * consumers accept the earlier one in parallel (`earlier`) until no producer writes it.
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
  'indicator.values.published': {
    version: 2,
    producer: 'indicator',
    schema: indicatorValuesPublishedV2,
    earlier: [{ version: 1, schema: indicatorValuesPublishedV1, upgrade: valuesPublishedV1ToV2 }],
  },
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
} as const satisfies Record<
  string,
  { version: number; producer: ServiceName; schema: z.ZodType; earlier?: readonly EarlierVersion[] }
>;

export type EventType = keyof typeof EVENTS;
export type EventMap = { [K in EventType]: z.infer<(typeof EVENTS)[K]['schema']> };
export type EventPayload<K extends EventType> = EventMap[K];

export const isKnownEventType = (type: string): type is EventType => Object.hasOwn(EVENTS, type);

export type EventValidation<K extends EventType> =
  { ok: true; type: K; payload: EventPayload<K>; upgradedFrom?: number } | { ok: false; reason: string };

/** `what` names the payload in the reason: the type, with the version when it is an earlier one. */
function checked(what: string, schema: z.ZodType, payload: unknown) {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true as const, data: parsed.data };
  return { ok: false as const, reason: `invalid ${what} payload at ${firstIssue(parsed.error)}` };
}

/**
 * Checks an incoming envelope's type, version and payload against the contract; a payload of an
 * earlier version the contract still accepts comes back upgraded to the current one. Unknown
 * types or versions are reported (the messaging layer dead-letters them with this reason).
 */
export function validateEvent(type: string, version: number, payload: unknown): EventValidation<EventType> {
  if (!isKnownEventType(type)) return { ok: false, reason: `unknown event type ${type}` };
  const contract: (typeof EVENTS)[EventType] & { earlier?: readonly EarlierVersion[] } = EVENTS[type];
  if (contract.version === version) {
    const current = checked(type, contract.schema, payload);
    if (!current.ok) return current;
    return { ok: true, type, payload: current.data as EventPayload<EventType> };
  }
  const earlier = contract.earlier?.find((e) => e.version === version);
  if (!earlier) {
    const known = [contract.version, ...(contract.earlier ?? []).map((e) => e.version)].join(', ');
    return { ok: false, reason: `unsupported version ${version} of ${type} (known: ${known})` };
  }
  const old = checked(`${type} v${version}`, earlier.schema, payload);
  if (!old.ok) return old;
  const upgraded = earlier.upgrade(old.data as never);
  if (upgraded !== null && typeof upgraded === 'object' && 'refused' in upgraded)
    return {
      ok: false,
      reason: `${type} v${version} cannot be read as v${contract.version}: ${String(upgraded.refused)}`,
    };
  const current = checked(`${type} (from v${version})`, contract.schema, upgraded);
  if (!current.ok) return current;
  return { ok: true, type, payload: current.data as EventPayload<EventType>, upgradedFrom: version };
}

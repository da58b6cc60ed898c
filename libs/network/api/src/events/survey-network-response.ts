import { normalizeActorName, SECTORS, type EventPayload, type Sector } from '@quartier/contracts';
import { NonRetryableEventError } from '@quartier/messaging';
import { isUuid } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { actorNames, completeDraft, insertActor } from '../actors/actor.repository';
import { addWaveMembers, lockWaveOfTenant, touchWaves } from '../networks/wave.repository';
import { TIE_TYPES, type TieType } from '../network.constants';
import { upsertTies, type TieDraft } from '../ties/tie.repository';

type NetworkResponse = EventPayload<'survey.network-response.submitted'>;

/** Name interpreters that carry the tie type, and those that carry its strength. */
const TYPE_ATTRIBUTES = ['type', 'tieType', 'tie_type', 'art'];
const WEIGHT_ATTRIBUTES = ['weight', 'frequency', 'intensity', 'haeufigkeit', 'häufigkeit'];

export interface SurveyMergeOutcome {
  actorsCreated: number;
  tiesCreated: number;
  tiesUpdated: number;
}

/**
 * Applies one network survey submission to its wave: listed actors are found by id (or, failing
 * that, by normalised name), newly named ones by normalised name or created; the respondent and
 * everyone named join the wave; reported ties are added (a repeated submission updates them).
 * Events that can never apply — unknown wave, ties naming actors the payload does not list — are
 * refused as non-retryable (dead-lettered with the reason).
 */
export async function applySurveyNetworkResponse(
  manager: EntityManager,
  payload: NetworkResponse,
): Promise<SurveyMergeOutcome> {
  if (!isUuid(payload.waveId))
    throw new NonRetryableEventError(`waveId "${payload.waveId}" is not a network wave id`);
  const wave = await lockWaveOfTenant(manager, payload.tenantId, payload.waveId);
  if (!wave)
    throw new NonRetryableEventError(`wave ${payload.waveId} does not exist in tenant ${payload.tenantId}`);
  const { id: waveId, networkId } = wave;

  const existing = await actorNames(manager, networkId);
  const byId = new Set(existing.map((a) => a.id));
  const byName = new Map<string, string>();
  for (const actor of existing)
    if (!byName.has(actor.normalizedName)) byName.set(actor.normalizedName, actor.id);

  const idByKey = new Map<string, string>();
  let actorsCreated = 0;
  for (const actor of payload.actors) {
    const normalized = normalizeActorName(actor.name);
    let id = actor.actorId && byId.has(actor.actorId) ? actor.actorId : byName.get(normalized);
    if (!id) {
      const sector = (SECTORS as readonly string[]).includes(actor.type ?? '')
        ? (actor.type as Sector)
        : null;
      id = await insertActor(
        manager,
        payload.tenantId,
        networkId,
        completeDraft({ kind: 'organisation', name: actor.name, sector }),
      );
      byId.add(id);
      byName.set(normalized, id);
      actorsCreated += 1;
    }
    idByKey.set(actor.key, id);
  }
  const respondent = idByKey.get(payload.respondent);
  if (!respondent)
    throw new NonRetryableEventError(`respondent ${payload.respondent} is not among the payload's actors`);

  const ties: TieDraft[] = payload.ties.map((tie, i) => {
    const source = idByKey.get(tie.source);
    const target = idByKey.get(tie.target);
    if (!source || !target)
      throw new NonRetryableEventError(
        `ties[${i}] names an actor the payload does not list (${source ? tie.target : tie.source})`,
      );
    return {
      source,
      target,
      directed: true,
      type: tieTypeOf(tie.attributes),
      weight: weightOf(tie.attributes),
      origin: 'survey',
      attributes: { ...tie.attributes, surveyId: payload.surveyId },
    };
  });
  // A tie to oneself can only come from an actor listed twice under different keys: drop it.
  const proper = ties.filter((tie) => tie.source !== tie.target);
  await addWaveMembers(manager, waveId, [...new Set(idByKey.values())]);
  const written = await upsertTies(manager, payload.tenantId, networkId, waveId, proper);
  await touchWaves(manager, [waveId]);
  return { actorsCreated, tiesCreated: written.created, tiesUpdated: written.updated };
}

function tieTypeOf(attributes: Record<string, string | number>): TieType {
  for (const key of TYPE_ATTRIBUTES) {
    const value = attributes[key];
    if (typeof value === 'string' && (TIE_TYPES as readonly string[]).includes(value))
      return value as TieType;
  }
  return 'cooperation';
}

function weightOf(attributes: Record<string, string | number>): number {
  for (const key of WEIGHT_ATTRIBUTES) {
    const value = attributes[key];
    if (typeof value === 'number' && value > 0 && Number.isFinite(value)) return value;
  }
  return 1;
}

// Network surveys of the actors of an area: a name generator ("with which organisations did you
// cooperate in the last 12 months?") asks each responding organisation for its partners — picked
// from the area's actor list or added as new — and name interpreters describe each tie (type,
// frequency, quality). A submission becomes a typed payload of actors and directed ties, which
// the survey service emits and the network service turns into a wave's graph. The event's
// contract (surveyNetworkResponseSubmittedV1) is in libs/contracts.
import { normalizeActorName, surveyNetworkResponseSubmittedV1 } from '@quartier/contracts';
import { z } from 'zod';
import type { Labels } from '../model';
import type { NetworkIssue, NetworkIssueCode } from './network-issue-codes';

export * from './network-issue-codes';

export interface NameGenerator {
  readonly name: string;
  readonly prompt: Labels;
  /** Whether respondents may name organisations missing from the actor list. */
  readonly allowNewActors: boolean;
  /** Upper bound on named partners (bot protection and respondent burden). */
  readonly maxAlters: number;
}

export type NameInterpreter =
  | {
      readonly name: string;
      readonly label: Labels;
      readonly kind: 'select_one';
      /** Ordered options, lowest first where the interpreter is a scale (frequency, quality). */
      readonly options: readonly { readonly name: string; readonly label: Labels }[];
      readonly required: boolean;
    }
  | {
      readonly name: string;
      readonly label: Labels;
      readonly kind: 'integer';
      readonly min: number;
      readonly max: number;
      readonly required: boolean;
    };

export interface NetworkSurveyDefinition {
  readonly surveyId: string;
  readonly generator: NameGenerator;
  readonly interpreters: readonly NameInterpreter[];
}

/** An actor of the area as the survey service knows it (from the network service's events). */
export interface KnownActor {
  readonly id: string;
  readonly name: string;
  readonly type?: string;
}

export interface NetworkSurveySubmission {
  readonly respondentActorId: string;
  readonly alters: readonly {
    readonly actorId?: string;
    readonly newActor?: { readonly name: string; readonly type?: string };
    readonly answers: Readonly<Record<string, string | number>>;
  }[];
}

/** A submission's event payload without the tenant, which the survey service adds when it emits. */
export const networkSurveyPayloadSchema = surveyNetworkResponseSubmittedV1.omit({ tenantId: true });

export type NetworkSurveyPayload = z.infer<typeof networkSurveyPayloadSchema>;
export type NetworkActorPayload = NetworkSurveyPayload['actors'][number];
export type NetworkTiePayload = NetworkSurveyPayload['ties'][number];

export interface NetworkPayloadContext {
  readonly waveId: string;
  readonly areaId?: string;
  readonly submittedOn: string;
  readonly actors: readonly KnownActor[];
}

export type NetworkPayloadResult =
  | { readonly ok: true; readonly payload: NetworkSurveyPayload }
  | { readonly ok: false; readonly issues: readonly NetworkIssue[] };

export function buildNetworkSurveyPayload(
  definition: NetworkSurveyDefinition,
  submission: NetworkSurveySubmission,
  context: NetworkPayloadContext,
): NetworkPayloadResult {
  const issues = new Issues();
  const known: KnownActors = {
    byId: new Map(context.actors.map((a) => [a.id, a])),
    byName: new Map(context.actors.map((a) => [normalizeActorName(a.name), a])),
  };
  const respondent = known.byId.get(submission.respondentActorId);
  if (!respondent)
    issues.add('respondent', 'respondent-unknown', `unknown actor ${submission.respondentActorId}`);
  if (submission.alters.length > definition.generator.maxAlters)
    issues.add(
      'alters',
      'too-many-alters',
      `at most ${definition.generator.maxAlters} partners, got ${submission.alters.length}`,
    );

  const actors = new Map<string, NetworkActorPayload>();
  if (respondent) actors.set(`actor:${respondent.id}`, listed(respondent));
  const ties: NetworkTiePayload[] = [];
  const seenTargets = new Set<string>();

  submission.alters.forEach((alter, i) => {
    const at = `alters[${i + 1}]`;
    const actor = alterActor(definition, alter, at, known, issues);
    if (!actor) return;
    if (respondent && actor.key === `actor:${respondent.id}`) {
      issues.add(at, 'self-named', 'an organisation cannot name itself');
      return;
    }
    if (seenTargets.has(actor.key)) {
      issues.add(at, 'named-twice', `${actor.name} is named twice`);
      return;
    }
    seenTargets.add(actor.key);
    const attributes = alterAttributes(definition, alter, at, issues);
    actors.set(actor.key, actor);
    if (respondent)
      ties.push({ source: `actor:${respondent.id}`, target: actor.key, directed: true, attributes });
  });

  if (issues.list.length > 0 || !respondent) return { ok: false, issues: issues.list };
  const payload: NetworkSurveyPayload = {
    surveyId: definition.surveyId,
    waveId: context.waveId,
    ...(context.areaId ? { areaId: context.areaId } : {}),
    submittedOn: context.submittedOn,
    respondent: `actor:${respondent.id}`,
    actors: [...actors.values()],
    ties,
  };
  return { ok: true, payload: networkSurveyPayloadSchema.parse(payload) };
}

/** The refusals of one submission, each with its code and its English message. */
class Issues {
  readonly list: NetworkIssue[] = [];

  add(path: string, code: NetworkIssueCode, reason: string): void {
    this.list.push({ path, code, message: `${path}: ${reason}` });
  }
}

interface KnownActors {
  readonly byId: ReadonlyMap<string, KnownActor>;
  readonly byName: ReadonlyMap<string, KnownActor>;
}

type Alter = NetworkSurveySubmission['alters'][number];

const listed = (a: KnownActor): NetworkActorPayload => ({
  key: `actor:${a.id}`,
  actorId: a.id,
  name: a.name,
  ...(a.type ? { type: a.type } : {}),
  isNew: false,
});

/** The actor an alter names: a listed one (also by its name) or, where allowed, a new one. */
function alterActor(
  definition: NetworkSurveyDefinition,
  alter: Alter,
  at: string,
  known: KnownActors,
  issues: Issues,
): NetworkActorPayload | undefined {
  if ((alter.actorId === undefined) === (alter.newActor === undefined)) {
    issues.add(at, 'alter-ambiguous', 'name either a listed actor or a new one');
    return undefined;
  }
  if (alter.actorId !== undefined) {
    const listedActor = known.byId.get(alter.actorId);
    if (!listedActor) issues.add(at, 'actor-unknown', `unknown actor ${alter.actorId}`);
    else return listed(listedActor);
  } else if (alter.newActor) {
    const name = alter.newActor.name.trim();
    const normalized = normalizeActorName(name);
    const sameName = known.byName.get(normalized);
    if (normalized === '' || name.length > 200)
      issues.add(at, 'actor-name-invalid', 'a new actor needs a name of 1 to 200 characters');
    // A "new" organisation that is already listed under the same name is the listed one.
    else if (sameName) return listed(sameName);
    else if (!definition.generator.allowNewActors)
      issues.add(at, 'new-actor-refused', 'this survey only accepts actors from the list');
    else
      return {
        key: `new:${normalized}`,
        name,
        ...(alter.newActor.type ? { type: alter.newActor.type } : {}),
        isNew: true,
      };
  }
  return undefined;
}

/** The tie's attributes from the interpreter questions' answers about an alter. */
function alterAttributes(
  definition: NetworkSurveyDefinition,
  alter: Alter,
  at: string,
  issues: Issues,
): Record<string, string | number> {
  const attributes: Record<string, string | number> = {};
  for (const interpreter of definition.interpreters) {
    const value = alter.answers[interpreter.name];
    const path = `${at}.${interpreter.name}`;
    if (value === undefined || value === '') {
      if (interpreter.required) issues.add(path, 'answer-required', 'an answer is required');
      continue;
    }
    if (interpreter.kind === 'select_one') {
      if (!interpreter.options.some((o) => o.name === String(value)))
        issues.add(path, 'answer-not-option', `"${value}" is not an option`);
      else attributes[interpreter.name] = String(value);
    } else {
      const n = typeof value === 'number' ? value : /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < interpreter.min || n > interpreter.max)
        issues.add(
          path,
          'answer-out-of-range',
          `expected a whole number from ${interpreter.min} to ${interpreter.max}`,
        );
      else attributes[interpreter.name] = n;
    }
  }
  for (const key of Object.keys(alter.answers)) {
    if (!definition.interpreters.some((x) => x.name === key))
      issues.add(`${at}.${key}`, 'question-unknown', 'not a question of this survey');
  }
  return attributes;
}

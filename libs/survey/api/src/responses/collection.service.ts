import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import { OutboxWriter, type OutboxEvent } from '@quartier/messaging';
import { chunksOf, Clock, isUuid } from '@quartier/service-kit';
import {
  type AnswerCause,
  type AnswerIssue,
  type AreaGeometries,
  type Answers,
  type CompiledForm,
  type Form,
  type NetworkSurveySubmission,
  buildNetworkSurveyPayload,
  compileForm,
  formQuestions,
  validateSubmission,
} from '@quartier/survey-core';
import { LRUCache } from 'lru-cache';
import type { DataSource, EntityManager } from 'typeorm';
import { areaQuestionOf } from '../forms/form-rules';
import { SURVEY_CONNECTION, SURVEY_EDITORS } from '../survey.constants';
import { assertSurveyAccess, SurveyApiError } from '../survey.errors';
import { hashInvitationCode } from '../surveys/invitation-code';
import { type SurveyRow, SurveyRepository } from '../surveys/survey.repository';
import { TargetAreaRepository } from '../surveys/target-area.repository';
import { type WaveRow, WaveRepository } from '../surveys/wave.repository';
import { type Channel, ResponseRepository } from './response.repository';
import { type ResponseCause, type ResponseCauseCode, responseCauseReason } from './response-issue-codes';

/** What the public form and the submission path need of a survey, cached briefly. */
export interface CollectionContext {
  readonly survey: SurveyRow;
  readonly form: Form | null;
  readonly compiled: CompiledForm | null;
  readonly areaQuestion: string | null;
  /** Area key (choice name = area code) → area id. */
  readonly areaIds: ReadonlyMap<string, string>;
  readonly areaNames: ReadonlyMap<string, string>;
  /** Target-area boundaries by area key, loaded only when the area question is by=point. */
  readonly areaGeometries: AreaGeometries;
  readonly waves: readonly WaveRow[];
}

export interface SubmissionInput {
  readonly answers: unknown;
  readonly language?: string;
  readonly invitationCode?: string;
  readonly network?: NetworkSurveySubmission;
}

export interface StoredResponse {
  readonly areaId: string | null;
  readonly answers: Answers;
  readonly network?: Record<string, unknown>;
}

/**
 * A status change reaches the public path within this many milliseconds: one read of survey,
 * form, areas and waves per survey and interval instead of per submission.
 */
const CONTEXT_TTL_MS = 2000;
/** Responses per INSERT (and outbox append) when many are written at once. */
const INSERT_BATCH = 1000;

/** A refused answer: the core's issue, or the service's own with its cause. */
export interface RefusedAnswer {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly cause: AnswerCause | ResponseCause;
}

export type CheckedResponse =
  | { readonly ok: true; readonly response: StoredResponse }
  | { readonly ok: false; readonly message: string; readonly issues: readonly RefusedAnswer[] };

function refusedAnswer(
  path: string,
  code: string,
  cause: ResponseCauseCode,
  params: Readonly<Record<string, string>> = {},
): RefusedAnswer {
  return { path, code, message: responseCauseReason(cause, params), cause: { code: cause, params } };
}

function refused(message: string, ...issues: RefusedAnswer[]): CheckedResponse {
  return { ok: false, message, issues };
}

export function answerIssuesMessage(issues: readonly Pick<AnswerIssue, 'path' | 'message'>[]): string {
  const first = issues[0];
  return `${first.path || '(answers)'}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`;
}

interface PendingInsert {
  readonly survey: SurveyRow;
  readonly wave: WaveRow;
  readonly response: StoredResponse;
  readonly channel: Channel;
  readonly day: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const MAX_BATCH = 200;
const MAX_TRANSACTIONS = 4;

@Injectable()
export class CollectionService {
  private readonly pending: PendingInsert[] = [];
  private inFlight = 0;
  /** The promise, not the value: concurrent requests for a survey share one load. */
  private readonly contexts = new LRUCache<string, Promise<CollectionContext>>({
    max: 1000,
    ttl: CONTEXT_TTL_MS,
  });
  private readonly compiled = new LRUCache<string, CompiledForm>({ max: 200 });

  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly surveys: SurveyRepository,
    private readonly targetAreas: TargetAreaRepository,
    private readonly waves: WaveRepository,
    private readonly responses: ResponseRepository,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** The platform's time zone, whose days `today` answers. */
  get timeZone(): string {
    return this.clock.timeZone;
  }

  /** The city's calendar day by the service's clock (waves open and close on such days). */
  today(): string {
    return this.clock.today();
  }

  /** The public view of a survey: only surveys that are open (or closed, to say so) exist publicly. */
  async publicContext(surveyId: string): Promise<CollectionContext> {
    const cached = this.contexts.get(surveyId);
    if (cached) return cached;
    const context = this.loadContext(surveyId);
    this.contexts.set(surveyId, context);
    try {
      const loaded = await context;
      if (loaded.survey.status === 'draft')
        throw new SurveyApiError('SurveyNotFound', `survey ${surveyId} not found`);
      return loaded;
    } catch (error) {
      this.contexts.delete(surveyId);
      throw error;
    }
  }

  /** The wave a public link without a wave id means: the one open today. */
  currentWave(context: CollectionContext, today = this.today()): WaveRow | undefined {
    return context.waves.find((w) => w.opensOn <= today && today <= w.closesOn);
  }

  async submitPublic(
    surveyId: string,
    waveId: string,
    input: SubmissionInput,
  ): Promise<{ submittedOn: string }> {
    let context = await this.publicContext(surveyId);
    if (!context.waves.some((w) => w.id === waveId)) {
      // A wave added since the context was cached: look once more before refusing.
      this.contexts.delete(surveyId);
      context = await this.publicContext(surveyId);
    }
    const today = this.today();
    const wave = this.findWave(context, waveId);
    if (context.survey.status !== 'open') throw new SurveyApiError('SurveyNotOpen', 'this survey is closed');
    if (today < wave.opensOn || today > wave.closesOn)
      throw new SurveyApiError('WaveNotOpen', `this wave runs from ${wave.opensOn} to ${wave.closesOn}`);
    if (wave.invitationOnly && !input.invitationCode)
      throw new SurveyApiError(
        'InvitationRequired',
        'this survey needs the invitation code from your letter',
      );
    const response = this.validate(context, wave, input, today, 'reject', true);
    if (wave.invitationOnly) {
      await this.db.transaction(async (manager) => {
        await this.useInvitation(manager, wave.id, input.invitationCode as string);
        await this.insert(manager, context.survey, wave, [response], 'web', today);
      });
    } else {
      await this.commit({ survey: context.survey, wave, response, channel: 'web', day: today });
    }
    return { submittedOn: today };
  }

  /** Interviewer entry: the same validation, authenticated, channel `interviewer`. */
  async submitInterviewer(
    caller: Caller,
    surveyId: string,
    waveId: string,
    input: SubmissionInput,
  ): Promise<{ submittedOn: string }> {
    const context = await this.authenticatedContext(caller, surveyId);
    const wave = this.findWave(context, waveId);
    const today = this.today();
    this.assertCollecting(context, wave, today);
    const response = this.validate(context, wave, input, today, 'reject', true);
    await this.commit({ survey: context.survey, wave, response, channel: 'interviewer', day: today });
    return { submittedOn: today };
  }

  async authenticatedContext(caller: Caller, surveyId: string): Promise<CollectionContext> {
    const { access, tenantId } = caller;
    const survey = await this.surveys.find(tenantId, surveyId);
    assertSurveyAccess(access, SURVEY_EDITORS, survey.scopeAreaPath);
    return this.loadContext(surveyId, survey);
  }

  /** The demo seeder acts for the platform itself, without a caller. */
  async authenticatedContextForSeed(tenantId: string, surveyId: string): Promise<CollectionContext> {
    return this.loadContext(surveyId, await this.surveys.find(tenantId, surveyId));
  }

  /** Paper responses and interviews are entered after the fact: any wave that has opened, survey not draft. */
  assertCollecting(context: CollectionContext, wave: WaveRow, today: string): void {
    if (context.survey.status === 'draft')
      throw new SurveyApiError('SurveyNotOpen', 'publish the survey before entering responses');
    if (today < wave.opensOn) throw new SurveyApiError('WaveNotOpen', `this wave opens on ${wave.opensOn}`);
  }

  findWave(context: CollectionContext, waveId: string): WaveRow {
    const wave = isUuid(waveId) ? context.waves.find((w) => w.id === waveId) : undefined;
    if (!wave) throw new SurveyApiError('WaveNotFound', `wave ${waveId} not found`);
    return wave;
  }

  /** Server-side validation of every answer with the core; throws 422 naming the failing field. */
  validate(...args: Parameters<CollectionService['check']>): StoredResponse {
    const checked = this.check(...args);
    if (checked.ok) return checked.response;
    // The 422 of a submission names path, code, message and cause: the public form words each
    // issue by its cause in the respondent's language (the English message is for API clients).
    throw new SurveyApiError('InvalidAnswers', checked.message, {
      issues: checked.issues.map(({ path, code, message, cause }) => ({ path, code, message, cause })),
    });
  }

  /** {@link validate}'s checks, each refused answer with its cause (a paper import words it). */
  check(
    context: CollectionContext,
    wave: WaveRow,
    input: SubmissionInput,
    today: string,
    nonRelevant: 'reject' | 'drop',
    enforceRequired: boolean,
  ): CheckedResponse {
    const { survey, compiled } = context;
    let answers: Answers = {};
    if (compiled) {
      const result = validateSubmission(compiled, input.answers ?? {}, {
        today,
        nonRelevant,
        enforceRequired,
        areaGeometries: context.areaGeometries,
        ...(input.language ? { language: input.language } : {}),
      });
      if (!result.ok)
        return { ok: false, message: answerIssuesMessage(result.issues), issues: result.issues };
      answers = result.answers;
    } else if (
      input.answers !== undefined &&
      (typeof input.answers !== 'object' || input.answers === null || Object.keys(input.answers).length > 0)
    ) {
      return refused(
        '(answers): this survey has no questions besides the name generator',
        refusedAnswer('', 'unknown_field', 'no-questions'),
      );
    }
    const areaKey = context.areaQuestion ? answers[context.areaQuestion] : undefined;
    const areaId = typeof areaKey === 'string' ? (context.areaIds.get(areaKey) ?? null) : null;
    if (survey.type === 'resident' && context.areaQuestion && areaId === null) {
      // Results are published per area: a response without one would only count in the total.
      const issue = refusedAnswer(context.areaQuestion, 'required', 'area-required');
      return refused(answerIssuesMessage([issue]), issue);
    }
    if (survey.type !== 'network') return { ok: true, response: { areaId, answers } };
    if (!survey.network)
      throw new SurveyApiError('SurveyNotOpen', 'the network survey has no name generator');
    if (!input.network) {
      return refused(
        'network: the name generator was not answered',
        refusedAnswer('network', 'required', 'network-missing'),
      );
    }
    const built = buildNetworkSurveyPayload(
      { surveyId: survey.id, generator: survey.network.generator, interpreters: survey.network.interpreters },
      input.network,
      { waveId: wave.id, ...(areaId ? { areaId } : {}), submittedOn: today, actors: survey.network.actors },
    );
    if (!built.ok) {
      // The issue's code in the cause: the public form words it (the detail is English).
      return refused(
        `network: ${built.issues[0].message}`,
        ...built.issues.map(({ path, code, message }) =>
          refusedAnswer(`network.${path}`, 'invalid_network', 'network-invalid', { detail: message, code }),
        ),
      );
    }
    return { ok: true, response: { areaId, answers, network: built.payload } };
  }

  /**
   * Group commit: single responses arriving while earlier ones are being written share the next
   * transaction (at most MAX_BATCH, at most MAX_TRANSACTIONS in flight). Each caller is answered
   * only after the transaction holding its response and its event has committed, so nothing is
   * acknowledged that is not stored — but under load one commit carries dozens of responses
   * instead of one round trip series each.
   */
  private commit(item: Omit<PendingInsert, 'resolve' | 'reject'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_TRANSACTIONS && this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: PendingInsert[]): Promise<void> {
    try {
      await this.db.transaction(async (manager) => {
        const groups = new Map<string, PendingInsert[]>();
        for (const item of batch) {
          const key = `${item.survey.id}|${item.wave.id}|${item.survey.formVersion}|${item.channel}|${item.day}`;
          groups.set(key, [...(groups.get(key) ?? []), item]);
        }
        for (const items of groups.values()) {
          const [first] = items;
          await this.insert(
            manager,
            first.survey,
            first.wave,
            items.map((i) => i.response),
            first.channel,
            first.day,
          );
        }
      });
      batch.forEach((item) => item.resolve());
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One response must not fail its neighbours: retry them one by one.
      for (const item of batch) await this.flush([item]);
    }
  }

  /**
   * Responses and their events in the caller's transaction: both commit or neither. An import's
   * thousands go in statements of INSERT_BATCH responses each.
   */
  async insert(
    manager: EntityManager,
    survey: SurveyRow,
    wave: WaveRow,
    responses: readonly StoredResponse[],
    channel: Channel,
    today: string,
  ): Promise<void> {
    // The envelope's time is the day too: events must not reintroduce the precision the table avoids.
    const meta = { tenantId: survey.tenantId, key: survey.id, occurredAt: `${today}T00:00:00.000Z` };
    for (const batch of chunksOf(responses, INSERT_BATCH)) {
      await this.responses.insertMany(manager, {
        tenantId: survey.tenantId,
        surveyId: survey.id,
        waveId: wave.id,
        formVersion: survey.formVersion,
        channel,
        submittedOn: today,
        responses: batch,
      });
      const events: OutboxEvent[] = [];
      for (const response of batch) {
        events.push({
          type: 'survey.response.submitted',
          payload: {
            tenantId: survey.tenantId,
            surveyId: survey.id,
            waveId: wave.id,
            areaId: response.areaId,
            submittedOn: today,
            channel,
          },
          meta,
        });
        if (response.network)
          events.push({
            type: 'survey.network-response.submitted',
            payload: {
              ...response.network,
              tenantId: survey.tenantId,
            } as OutboxEvent<'survey.network-response.submitted'>['payload'],
            meta,
          });
      }
      await this.outbox.appendMany(manager, events);
    }
  }

  private async useInvitation(manager: EntityManager, waveId: string, code: string): Promise<void> {
    const used = await this.waves.useInvitation(manager, waveId, hashInvitationCode(code));
    if (!used)
      throw new SurveyApiError('InvitationInvalid', 'this invitation code is unknown or was already used');
  }

  private async loadContext(surveyId: string, known?: SurveyRow): Promise<CollectionContext> {
    const survey = known ?? (await this.surveys.findPublic(surveyId));
    const [form, targets, waves] = await Promise.all([
      this.surveys.form(survey.id, survey.formVersion),
      this.targetAreas.ofSurvey(survey.id),
      this.waves.ofSurvey(survey.id),
    ]);
    const areaQuestion = form ? areaQuestionOf(form) : undefined;
    const areaGeometries: AreaGeometries =
      areaQuestion?.method === 'point' ? await this.targetAreas.geometries(survey.id) : new Map();
    const key = `${survey.id}:${survey.formVersion}`;
    let compiled = this.compiled.get(key) ?? null;
    if (form && !compiled) {
      compiled = compileForm(form);
      this.compiled.set(key, compiled);
    }
    return {
      survey,
      form,
      compiled,
      areaQuestion: areaQuestion?.name ?? null,
      areaIds: new Map(targets.map((t) => [t.key, t.areaId])),
      areaNames: new Map(targets.map((t) => [t.key, t.name])),
      areaGeometries,
      waves,
    };
  }
}

/** Top-level questions a respondent answers (for imports: which columns are questions). */
export function answerableColumns(form: Form): Map<string, string> {
  const columns = new Map<string, string>();
  for (const { question, repeats } of formQuestions(form)) {
    if (repeats.length > 0) continue;
    if (['calculate', 'start', 'end', 'today', 'note'].includes(question.type)) continue;
    columns.set(question.name, question.type);
  }
  return columns;
}

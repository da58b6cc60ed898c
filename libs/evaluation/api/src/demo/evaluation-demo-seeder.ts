import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { ADD_BERLIN_HINT, BERLIN_DEMO_FILES, referenceDataWith } from '@quartier/reference-data';
import { allSeeded, type DemoSeedContext, type DemoSeeder } from '@quartier/service-kit';
import type { DataSource } from 'typeorm';
import { DesignService } from '../design/design.service';
import { ResultsService } from '../design/results.service';
import { EVALUATION_CONNECTION } from '../evaluation.constants';
import type { CreateEvaluationInput } from '../evaluations/evaluation.dto';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { SnapshotsService } from '../snapshots/snapshots.service';
import { WorkflowService } from '../workflow/workflow.service';
import { BERLIN_PLAN, MUSTERSTADT_PLAN, type DemoEvaluation, type DemoTenantPlan } from './demo-evaluations';
import { allHaveValues, demoProgramme, statusClassAreas, waitForEvidence } from './demo-read-models';

type DemoObject = Extract<CreateEvaluationInput['object'], { kind: 'programme' | 'areas' }>;

/** A caller as the demo user would be, with a tenant-wide assignment of their role. */
function demoCaller(tenantId: string, subject: string, role: Role): Caller {
  return {
    tenantId,
    subject,
    access: {
      principal: { subject, tokenSubject: 'demo-seed', tenantId, roles: [role] },
      tenantId,
      assignments: [{ role, areaId: null, programmeId: null }],
    },
  };
}

/**
 * Seeds the demo evaluations through the service's own paths (so they are computed, frozen and
 * finalised exactly as an evaluator would):
 * - Berlin, with its reference data: the demo programme "Quartiersmanagement (Demo)" when the
 *   programme service has published it with areas that have MSS values, else Mitte's planning
 *   areas of MSS 2015 status class 4, from 2015, on the MSS status indicators 2013–2019 with
 *   matched comparison areas — one evaluation finalised with its snapshot, one in draft;
 * - Musterstadt: a draft evaluation of the generated city's status-4 areas of 2019, from 2020.
 * The evidence reaches this service by events after the indicator service's seed: the seeder
 * waits for it (bounded), and does nothing when its evaluations exist.
 */
@Injectable()
export class EvaluationDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(EvaluationDemoSeeder.name);

  constructor(
    @InjectDataSource(EVALUATION_CONNECTION) private readonly db: DataSource,
    private readonly evaluations: EvaluationsService,
    private readonly design: DesignService,
    private readonly results: ResultsService,
    private readonly snapshots: SnapshotsService,
    private readonly workflow: WorkflowService,
  ) {}

  async seed(
    context: Pick<DemoSeedContext, 'progress' | 'referenceData'>,
    options: { timeoutMs?: number; programmeGraceMs?: number } = {},
  ): Promise<boolean> {
    const timeoutMs = options.timeoutMs ?? 180_000;
    const graceMs = options.programmeGraceMs ?? 5_000;
    const berlin = referenceDataWith(BERLIN_DEMO_FILES, context.referenceData) !== undefined;
    if (!berlin)
      this.logger.warn(
        `demo evaluations of Berlin not seeded: no reference data. To add Berlin: ${ADD_BERLIN_HINT}`,
      );
    // The tenants share nothing: side by side.
    const seeded = await allSeeded([
      this.seedPlan(MUSTERSTADT_PLAN, 'musterstadt-admin', context, timeoutMs, graceMs),
      berlin ? this.seedPlan(BERLIN_PLAN, 'evaluator', context, timeoutMs, graceMs) : undefined,
    ]);
    return seeded.some(Boolean);
  }

  private async seedPlan(
    plan: DemoTenantPlan,
    author: string,
    { progress }: Pick<DemoSeedContext, 'progress'>,
    timeoutMs: number,
    graceMs: number,
  ): Promise<boolean> {
    const { tenant } = plan.evidence;
    const titles = [...plan.evaluations('programme'), ...plan.evaluations('areas')].map((e) => e.title);
    const existing: unknown[] = await this.db.query(
      `SELECT 1 FROM evaluation WHERE tenant_id = $1 AND title = ANY($2::text[])`,
      [tenant, titles],
    );
    if (existing.length > 0) return false;
    progress(`demo: waiting for the evidence of the ${tenant} evaluations in the evaluation read model`);
    await waitForEvidence(this.db, plan.evidence, timeoutMs);
    const object = await this.objectOf(plan, graceMs);
    if (!object) {
      this.logger.warn(`demo evaluations of ${tenant} not seeded: fewer than two areas to evaluate`);
      return false;
    }
    for (const demo of plan.evaluations(object.kind)) {
      progress(`demo: evaluation "${demo.title}"`);
      await this.seedEvaluation(tenant, author, plan.startPeriod, demo, object);
    }
    this.logger.log(`demo evaluations of ${tenant} seeded`);
    return true;
  }

  /** The demo programme when its areas can be evaluated, else the run's status-class areas. */
  private async objectOf(plan: DemoTenantPlan, graceMs: number): Promise<DemoObject | null> {
    const { tenant, run, indicators } = plan.evidence;
    if (plan.programmeName) {
      const programme = await demoProgramme(this.db, tenant, plan.programmeName, graceMs);
      if (programme && (await allHaveValues(this.db, tenant, programme.areaIds, indicators[0], run.period)))
        return { kind: 'programme', programmeId: programme.id };
    }
    const areaIds = await statusClassAreas(this.db, tenant, run);
    return areaIds.length >= 2 ? { kind: 'areas', areaIds } : null;
  }

  private async seedEvaluation(
    tenant: string,
    author: string,
    startPeriod: string,
    demo: DemoEvaluation,
    object: DemoObject,
  ): Promise<void> {
    const evaluator = demoCaller(tenant, author, author === 'evaluator' ? 'evaluator' : 'tenant-admin');
    const { id } = await this.evaluations.create(evaluator, {
      title: demo.title,
      object,
      startPeriod,
      questions: demo.questions,
    });
    await this.design.replace(evaluator, id, demo.design);
    const { numbers } = await this.results.results(evaluator, id);
    for (const [criterion, rating] of Object.entries(demo.ratings(numbers)))
      await this.evaluations.rate(evaluator, id, criterion, rating);
    await this.evaluations.update(evaluator, id, {
      findings: demo.findings(numbers),
      recommendations: demo.recommendations,
    });
    if (!demo.final) return;
    await this.snapshots.take(evaluator, id);
    await this.workflow.transition(evaluator, id, { action: 'submit', comment: '' });
    await this.workflow.transition(demoCaller(tenant, 'programm', 'programme-manager'), id, {
      action: 'finalise',
      comment: 'Abgenommen (Demo)',
    });
  }
}

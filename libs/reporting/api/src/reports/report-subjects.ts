import { Inject, Injectable } from '@nestjs/common';
import { canAct, isInScope, scopeAreas, type AccessContext } from '@quartier/auth';
import { text } from '@quartier/reporting-core';
import { Clock, RUNTIME_CONFIG, type RuntimeConfig } from '@quartier/service-kit';
import { gatherAreaProfile } from '../gather/area-profile.gatherer';
import { Gathering } from '../gather/gathering';
import { gatherEvaluation, gatherMonitoring, gatherProgramme } from '../gather/report-gatherers';
import { fileNameOf, fileNamePart, type PinnedDataset } from '../render/report-renderer';
import { DEFAULT_SERVICE_URL_TEMPLATE, REPORT_AUTHORS } from '../reporting.constants';
import { ReportingServiceError } from '../reporting.errors';
import { gatheringFailure, ServiceClient, type OnBehalfOf } from '../upstream/service-client';
import type { ReportFormat, ReportRequest, ReportType } from './report.dto';
import { ReportRepository } from './report.repository';

/** Periods an area profile's trends cover unless the request says otherwise. */
const DEFAULT_PERIODS = 5;

/** The report type of the API for a request body. */
export function reportTypeOf(request: ReportRequest): ReportType {
  return request.type;
}

/** What a report is called: its title, file name and content kind, from its pinned data. */
export function describeReport(
  dataset: PinnedDataset,
  params: Record<string, unknown>,
  language: 'de' | 'en',
  format: ReportFormat,
): { title: string; fileName: string; batch: boolean } {
  const single = (title: string, stem = title) => ({
    title,
    fileName: fileNameOf(stem, format, false),
    batch: false,
  });
  switch (dataset.kind) {
    case 'area-profile': {
      if (params['level'] !== undefined) {
        const level =
          dataset.tenant.levels.find((l) => l.key === params['level'])?.name ?? String(params['level']);
        const title = `${text(language, 'batch.readme.title')} ${level}`;
        return { title, fileName: fileNameOf(title, format, true), batch: true };
      }
      const area = dataset.areas.find((a) => a.id === dataset.subjectIds[0]);
      const name = area?.name ?? dataset.subjectIds[0];
      return single(
        text(language, 'profile.title', { name }),
        `${text(language, 'reportType.area-profile')}_${area?.code ?? ''}_${fileNamePart(name)}`,
      );
    }
    case 'monitoring-report':
      return single(text(language, 'monitoring.title', { run: dataset.run.label }));
    case 'programme-report':
      return single(text(language, 'programme.title', { name: dataset.programme.name }));
    case 'evaluation-report':
      return single(text(language, 'evaluation.title', { title: dataset.evaluation.title }));
  }
}

/**
 * Resolves what a request is about and gathers its data on the reader's behalf. The areas of an
 * area profile are checked here first (the reader's scope, from the replicated registry read
 * model), so an out-of-scope request is refused before anything is fetched.
 */
@Injectable()
export class ReportSubjects {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(RUNTIME_CONFIG) private readonly runtime: RuntimeConfig,
    private readonly clock: Clock,
  ) {}

  private async areaSubjects(
    access: AccessContext,
    tenantId: string,
    request: ReportRequest & { type: 'area-profile' },
  ) {
    if (request.areaId) {
      const area = await this.reports.area(tenantId, request.areaId);
      if (!area) throw new ReportingServiceError('AreaNotFound', `area ${request.areaId} not found`);
      if (!canAct(access.principal, access.assignments, REPORT_AUTHORS, [...area.path, area.id]))
        throw new ReportingServiceError(
          'OutOfScope',
          `area ${area.code} lies outside the area scope of your role assignments`,
        );
      return { subjectIds: [area.id], level: area.level };
    }
    const level = request.level as string;
    const rows = await this.reports.areasOfLevel(tenantId, level, this.clock.today());
    if (rows.length === 0) throw new ReportingServiceError('LevelNotFound', `level ${level} has no areas`);
    const scope = scopeAreas(access.principal, access.assignments, REPORT_AUTHORS);
    const visible = rows.filter((a) => isInScope(scope, [...a.path, a.id]));
    if (visible.length === 0)
      throw new ReportingServiceError('OutOfScope', `no area of level ${level} lies within your area scope`);
    return { subjectIds: visible.map((a) => a.id), level };
  }

  /**
   * The area check of a request, alone: for a schedule, whose request is gathered later, so the
   * area it names is refused when it is set up rather than at every run.
   */
  async checkAreas(access: AccessContext, tenantId: string, request: ReportRequest): Promise<void> {
    if (request.type === 'area-profile') await this.areaSubjects(access, tenantId, request);
  }

  /** Checks the request against the reader's scope, then gathers its pinned data with their token. */
  async gather(
    access: AccessContext,
    tenantId: string,
    auth: OnBehalfOf,
    request: ReportRequest,
  ): Promise<{ dataset: PinnedDataset; indexRunId: string | null }> {
    try {
      return await this.gatherWith(access, tenantId, auth, request);
    } catch (error) {
      throw gatheringFailure(error);
    }
  }

  private async gatherWith(
    access: AccessContext,
    tenantId: string,
    auth: OnBehalfOf,
    request: ReportRequest,
  ): Promise<{ dataset: PinnedDataset; indexRunId: string | null }> {
    const template = this.runtime.serviceUrlTemplate ?? DEFAULT_SERVICE_URL_TEMPLATE;
    const gathering = new Gathering(new ServiceClient(template, auth));
    switch (request.type) {
      case 'area-profile': {
        const subjects = await this.areaSubjects(access, tenantId, request);
        const dataset = await gatherAreaProfile(gathering, {
          ...subjects,
          periods: request.periods ?? DEFAULT_PERIODS,
        });
        return { dataset, indexRunId: null };
      }
      case 'monitoring':
        return {
          dataset: await gatherMonitoring(gathering, request.indexRunId),
          indexRunId: request.indexRunId,
        };
      case 'programme':
        return { dataset: await gatherProgramme(gathering, request.programmeId), indexRunId: null };
      case 'evaluation':
        return { dataset: await gatherEvaluation(gathering, request.evaluationId), indexRunId: null };
    }
  }
}

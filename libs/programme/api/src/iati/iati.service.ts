import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import {
  buildIatiActivitiesXml,
  iatiResultsFromImpactModel,
  type ActualObservation,
  type IatiLocation,
  type IatiMeasure,
} from '@quartier/programme-core';
import { Clock } from '@quartier/service-kit';
import { AreaRefRepository, type AreaPoint } from '../access/area-ref.repository';
import { ProgrammeAccess } from '../access/programme-access.service';
import { EvidenceResolver } from '../impact-models/evidence-resolver';
import { ImpactModelRepository } from '../impact-models/impact-model.repository';
import { MeasureRepository, type MeasureRow } from '../measures/measure.repository';
import { MeasuresService } from '../measures/measures.service';
import { PROGRAMME_READERS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';

/**
 * A programme's measures as IATI 2.03 activities (open data on public spending): budgets per
 * year, expenditures as transactions, areas as locations with the registry's point inside
 * each area, and the measures' impact-model bindings as results with their live actuals.
 */
@Injectable()
export class IatiService {
  constructor(
    private readonly access: ProgrammeAccess,
    private readonly areaRefs: AreaRefRepository,
    private readonly measures: MeasureRepository,
    private readonly measureService: MeasuresService,
    private readonly models: ImpactModelRepository,
    private readonly evidence: EvidenceResolver,
    private readonly clock: Clock,
  ) {}

  async export(caller: Caller, programmeId: string): Promise<string> {
    const programme = await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    if (!programme.iati)
      throw new ProgrammeServiceError(
        'InvalidProgramme',
        'iati: the programme has no IATI publisher yet (reporting organisation and identifier prefix)',
        { field: 'iati' },
      );
    const rows = await this.measureService.visibleRows(caller, programmeId);
    const expenditures = await this.measures.expenditures(rows.map((r) => r.id));
    const points = await this.areaPoints(caller.tenantId, rows);
    const now = this.clock.now().toISOString();
    const measures: IatiMeasure[] = [];
    for (const row of rows)
      measures.push({
        id: row.id,
        title: row.title,
        ...(row.description ? { description: row.description } : {}),
        status: row.status,
        ...dates(row),
        participatingOrgs: [{ role: 'implementing', name: row.responsibleName }],
        budgets: perYear(row.budget.map((b) => ({ year: b.year, amount: b.amountCents }))),
        expenditures: (expenditures.get(row.id) ?? []).map((e) => ({
          // Expenditures are booked per year: the transaction is dated at the year's end, or
          // today while the year is running.
          date: `${e.year}-12-31` < now.slice(0, 10) ? `${e.year}-12-31` : now.slice(0, 10),
          amount: e.amountCents,
          description: e.line,
        })),
        locations: row.areaIds
          .map((id) => points.get(id))
          .filter((a): a is AreaPoint & { labelPoint: { lat: number; lon: number } } => !!a?.labelPoint)
          .map((a): IatiLocation => ({ areaCode: a.code, name: a.name, point: a.labelPoint })),
        results: await this.results(caller.tenantId, row),
        lastUpdated: new Date(row.updatedAt).toISOString(),
      });
    return buildIatiActivitiesXml(
      {
        reportingOrg: programme.iati.reportingOrg,
        identifierPrefix: programme.iati.identifierPrefix,
        participatingOrgs: programme.funder ? [{ role: 'funding', name: programme.funder }] : [],
      },
      measures,
      { generatedAt: now },
    );
  }

  private async results(tenantId: string, measure: MeasureRow) {
    const stored = await this.models.find(measure.programmeId, measure.id);
    if (!stored) return [];
    const actuals = new Map<string, ActualObservation[]>();
    for (const node of stored.model.nodes)
      for (const binding of node.bindings)
        actuals.set(binding.id, await this.evidence.actuals(tenantId, binding.source, measure.areaIds));
    return iatiResultsFromImpactModel(stored.model, { actuals });
  }

  private async areaPoints(tenantId: string, rows: readonly MeasureRow[]): Promise<Map<string, AreaPoint>> {
    const ids = [...new Set(rows.flatMap((r) => r.areaIds))];
    const found: AreaPoint[] = ids.length ? await this.areaRefs.points(tenantId, ids) : [];
    return new Map(found.map((a) => [a.id, a]));
  }
}

function dates(row: MeasureRow) {
  return {
    ...(row.plannedStart ? { plannedStart: row.plannedStart } : {}),
    ...(row.plannedEnd ? { plannedEnd: row.plannedEnd } : {}),
    ...(row.actualStart ? { actualStart: row.actualStart } : {}),
    ...(row.actualEnd ? { actualEnd: row.actualEnd } : {}),
  };
}

function perYear(entries: readonly { year: number; amount: number }[]): { year: number; amount: number }[] {
  const sums = new Map<number, number>();
  for (const e of entries) sums.set(e.year, (sums.get(e.year) ?? 0) + e.amount);
  return [...sums.entries()].sort(([a], [b]) => a - b).map(([year, amount]) => ({ year, amount }));
}

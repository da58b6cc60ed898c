import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, isUuid, type SpooledPart } from '@quartier/service-kit';
import { readFile } from 'node:fs/promises';
import type { AccessContext, Caller } from '@quartier/auth';
import type { DataSource, EntityManager } from 'typeorm';
import { NetworkAccessService } from '../access/network-access.service';
import type { ActorRow } from '../actors/actor.dto';
import {
  actorAreas,
  actorAreasOfWave,
  actorKeys,
  actorsOfNetwork,
  completeDraft,
  draftOf,
  insertActors,
  lockActors,
  updateActorRow,
  type ActorDraft,
} from '../actors/actor.repository';
import { areaCodes, areaCodesByVersion } from '../areas/area-ref.repository';
import { lockNetworkForImport } from '../networks/network.repository';
import {
  addWaveMembers,
  removeWaveMembers,
  touchWaves,
  waveSize,
  wavesOfActor,
} from '../networks/wave.repository';
import type { NetworkRecord } from '../networks/network.dto';
import { NETWORK_CONNECTION, NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { NetworkServiceError } from '../network.errors';
import { areasOutsideScope, assertActorsInScope } from '../actors/actor-area-scope';
import { deleteTiesOfWave, tiesOfWaveByEnds, upsertTies } from '../ties/tie.repository';
import { parseCsvEdges, parseCsvNodes } from './csv-format';
import { toCsvEdges, toCsvNodes, toGexf, toGraphml, type ExportActor } from './export-formats';
import { planImport, type ImportPlan } from './import-plan';
import type { ExportFormat, ImportQuery, ImportResult } from './interchange.dto';
import { ImportIssues, parseGexf, parseGraphml, type RawGraph } from '@quartier/network-core';

/** The spooled parts of a multipart import (the controller deletes them afterwards). */
export interface ImportFiles {
  nodes?: SpooledPart;
  edges?: SpooledPart;
  file?: SpooledPart;
}

/**
 * Bulk imports and exports of a wave: CSV (actors + ties), GEXF and GraphML. An import is
 * validated completely first — every problem reported with file and line — and written in one
 * transaction only when there is none (all-or-nothing).
 */
@Injectable()
export class InterchangeService {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
    private readonly clock: Clock,
  ) {}

  async import(
    caller: Caller,
    networkId: string,
    waveId: string,
    query: ImportQuery,
    files: ImportFiles,
  ): Promise<ImportResult> {
    const { access, tenantId } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    const wave = await this.networks.wave(network, waveId);
    const issues = new ImportIssues();
    const raw = await this.parse(query.format, files, issues);
    const areas = await this.areaResolver(tenantId);
    const plan = await this.db.transaction(async (manager) => {
      // Serialises imports into one network so two uploads cannot interleave their actors.
      await lockNetworkForImport(manager, network.id);
      // Replacing a wave drops every member and tie it has, those of other districts' actors too.
      if (query.mode === 'replace')
        await assertActorsInScope(
          this.networks,
          access,
          network,
          await actorAreasOfWave(manager, wave.id),
          manager,
        );
      const known = await actorKeys(manager, network.id);
      const planned = planImport(
        raw,
        {
          networkDirected: network.directed,
          actors: known,
          resolveArea: areas,
          ties: {
            parallelTies: query.parallelTies ?? (query.format === 'csv' ? 'strict' : 'sum'),
            selfTies: query.selfTies ?? (query.format === 'csv' ? 'strict' : 'drop'),
            ...(query.tieTypeAttribute ? { typeAttribute: query.tieTypeAttribute } : {}),
            ...(query.tieTypes ? { typeValues: query.tieTypes } : {}),
          },
        },
        issues,
      );
      await this.checkAreaScope(access, network, planned, issues, manager);
      if (issues.list.length > 0) {
        throw new NetworkServiceError(
          'InvalidImport',
          `${issues.list.length}${issues.truncated ? '+' : ''} problem(s) in the upload; nothing was imported`,
          {
            errors: issues.list,
            truncated: issues.truncated,
          },
        );
      }
      return this.write(manager, network, wave.id, query.mode, planned);
    });
    return { format: query.format, mode: query.mode, ...plan };
  }

  async export(
    caller: Caller,
    networkId: string,
    waveId: string,
    format: ExportFormat,
  ): Promise<{ body: string; contentType: string; filename: string }> {
    const { access, tenantId } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
    const wave = await this.networks.wave(network, waveId);
    const actors = await actorsOfNetwork(this.db.manager, network.id, wave.id);
    const ties = await tiesOfWaveByEnds(this.db.manager, wave.id);
    const disclosure = await this.networks.disclosure(access, network, actors);
    const codes = await areaCodes(
      this.db.manager,
      tenantId,
      actors.map((a) => a.areaId).filter((id): id is string => id !== null),
    );
    const codeOf = new Map(codes.map((c) => [c.id, c.code]));
    const exported: ExportActor[] = actors.map((actor) => {
      const view = disclosure.present(actor);
      return { ...view, area: actor.areaId ? (codeOf.get(actor.areaId) ?? actor.areaId) : null };
    });
    const edges = ties.map((t) => ({
      source: t.sourceActorId,
      target: t.targetActorId,
      directed: t.directed,
      type: t.type,
      weight: t.weight,
    }));
    const base = `${slug(network.name)}-${slug(wave.label)}`;
    switch (format) {
      case 'csv-nodes':
        return {
          body: toCsvNodes(exported),
          contentType: 'text/csv; charset=utf-8',
          filename: `${base}-actors.csv`,
        };
      case 'csv-edges':
        return {
          body: toCsvEdges(edges),
          contentType: 'text/csv; charset=utf-8',
          filename: `${base}-ties.csv`,
        };
      case 'gexf':
        return {
          body: toGexf(exported, edges, {
            directed: network.directed,
            description: `${network.name}, ${wave.label} (${wave.observedOn})`,
          }),
          contentType: 'application/gexf+xml; charset=utf-8',
          filename: `${base}.gexf`,
        };
      case 'graphml':
        return {
          body: toGraphml(exported, edges, { directed: network.directed }),
          contentType: 'application/graphml+xml; charset=utf-8',
          filename: `${base}.graphml`,
        };
    }
  }

  private async parse(
    format: ImportQuery['format'],
    files: ImportFiles,
    issues: ImportIssues,
  ): Promise<RawGraph> {
    const text = (file: SpooledPart) => readFile(file.path, 'utf8');
    if (format === 'csv') {
      if (!files.nodes && !files.edges)
        throw new NetworkServiceError(
          'InvalidImport',
          'send the actors as file field "nodes" and/or the ties as file field "edges"',
        );
      const nodes = files.nodes
        ? parseCsvNodes(await text(files.nodes), files.nodes.originalname || 'nodes.csv', issues)
        : [];
      const edges = files.edges
        ? parseCsvEdges(await text(files.edges), files.edges.originalname || 'edges.csv', issues)
        : [];
      return { directed: null, nodes, edges };
    }
    if (!files.file)
      throw new NetworkServiceError(
        'InvalidImport',
        `send the ${format.toUpperCase()} document as file field "file"`,
      );
    const name = files.file.originalname || `network.${format}`;
    const document = await text(files.file);
    return format === 'gexf' ? parseGexf(document, name, issues) : parseGraphml(document, name, issues);
  }

  /**
   * Import rows may only place actors in the caller's scope, rewrite (or move) existing ones only
   * from there, and tie only actors filed there: the same rule as the actor and tie endpoints,
   * reported per file and line.
   */
  private async checkAreaScope(
    access: AccessContext,
    network: NetworkRecord,
    planned: ImportPlan,
    issues: ImportIssues,
    manager: EntityManager,
  ): Promise<void> {
    const existing = planned.actors.filter((a) => a.existingId !== null);
    const rowed = new Set(existing.map((a) => a.existingId as string));
    // Existing actors a tie row names without an actor row of their own.
    const tied = [
      ...new Set(
        planned.ties
          .flatMap((tie) => [tie.source, tie.target])
          .filter((ref) => ref.startsWith(EXISTING))
          .map((ref) => ref.slice(EXISTING.length))
          .filter((id) => !rowed.has(id)),
      ),
    ];
    const before = await actorAreas(manager, [...rowed, ...tied]);
    const areaBefore = new Map(before.map((b) => [b.id, b.areaId]));
    const outside = new Set(
      await areasOutsideScope(
        this.networks,
        access,
        network,
        [...planned.actors.map((a) => a.fields.areaId ?? null), ...before.map((b) => b.areaId)],
        manager,
      ),
    );
    for (const actor of planned.actors) {
      const from = actor.existingId === null ? null : (areaBefore.get(actor.existingId) ?? null);
      const to = actor.fields.areaId ?? null;
      if (to !== null && outside.has(to))
        issues.add(
          actor.file,
          actor.line,
          'AreaOutOfScope',
          `area ${to} is outside the area scope of your role assignments`,
          { area: to },
        );
      else if (from !== null && outside.has(from))
        issues.add(
          actor.file,
          actor.line,
          'AreaOutOfScope',
          `the actor's area ${from} is outside the area scope of your role assignments`,
          { area: from },
        );
    }
    for (const tie of planned.ties) {
      const end = [tie.source, tie.target]
        .filter((ref) => ref.startsWith(EXISTING) && !rowed.has(ref.slice(EXISTING.length)))
        .map((ref) => areaBefore.get(ref.slice(EXISTING.length)) ?? null)
        .find((area) => area !== null && outside.has(area));
      if (end)
        issues.add(
          tie.file,
          tie.line,
          'AreaOutOfScope',
          `the tied actor's area ${end} is outside the area scope of your role assignments`,
          { area: end },
        );
    }
  }

  /**
   * Resolves an area id of the tenant, or a code to the area of the version current on the
   * clock's day (a superseded version's area with the code, or one imported ahead, is not it).
   */
  private async areaResolver(tenantId: string): Promise<(value: string) => string | undefined> {
    const rows = await areaCodesByVersion(this.db.manager, tenantId, this.clock.today());
    const byCode = new Map(rows.filter((r) => r.current).map((r) => [r.code, r.id]));
    const ids = new Set(rows.map((r) => r.id));
    return (value) =>
      isUuid(value) ? (ids.has(value.toLowerCase()) ? value.toLowerCase() : undefined) : byCode.get(value);
  }

  private async write(
    manager: EntityManager,
    network: NetworkRecord,
    waveId: string,
    mode: ImportQuery['mode'],
    plan: ImportPlan,
  ) {
    const touched = new Set<string>([waveId]);
    if (mode === 'replace') {
      await deleteTiesOfWave(manager, waveId);
      await removeWaveMembers(manager, waveId);
    }
    const refs = new Map<string, string>();
    const fresh = plan.actors.filter((a) => a.existingId === null);
    if (fresh.length > 0) {
      const drafts = fresh.map((a) => completeDraft(a.fields));
      const rows = await insertActors(manager, network.tenantId, network.id, drafts);
      for (const row of rows) refs.set(`key:${row.externalId}`, row.id);
    }
    const updates = plan.actors.filter((a) => a.existingId !== null);
    if (updates.length > 0) {
      const current = await lockActors(
        manager,
        updates.map((a) => a.existingId as string),
      );
      const byId = new Map(current.map((a) => [a.id, a]));
      for (const planned of updates) {
        const before = byId.get(planned.existingId as string) as ActorRow;
        const draft: ActorDraft = { ...draftOf(before), ...planned.fields };
        await updateActorRow(manager, before.id, draft);
        if (draft.sector !== before.sector || draft.areaId !== before.areaId) {
          for (const w of await wavesOfActor(manager, before.id)) touched.add(w);
        }
      }
    }
    const idOf = (ref: string) =>
      ref.startsWith(EXISTING) ? ref.slice(EXISTING.length) : (refs.get(ref) as string);
    await addWaveMembers(
      manager,
      waveId,
      plan.actors.map((a) => (a.existingId ?? refs.get(`key:${a.key}`)) as string),
    );
    const ties = await upsertTies(
      manager,
      network.tenantId,
      network.id,
      waveId,
      plan.ties.map((t) => ({
        source: idOf(t.source),
        target: idOf(t.target),
        directed: t.directed,
        type: t.type,
        weight: t.weight,
        origin: 'import' as const,
        attributes: t.attributes,
      })),
    );
    await touchWaves(manager, [...touched]);
    const { actors, ties: tieCount } = await waveSize(manager, waveId);
    return {
      actorsCreated: fresh.length,
      actorsUpdated: updates.length,
      tiesCreated: ties.created,
      tiesUpdated: ties.updated,
      parallelTiesMerged: plan.parallelTiesMerged,
      selfTiesDropped: plan.selfTiesDropped,
      waveActors: actors,
      waveTies: tieCount,
    };
  }
}

/** How an import plan refers to an actor that exists already (`actor:<uuid>`). */
const EXISTING = 'actor:';

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'network'
  );
}

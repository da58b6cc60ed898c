import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PUBLISHED_VALUES_PER_PART, type EventPayload } from '@quartier/contracts';
import type { IndexDefinition } from '@quartier/indicator-core';
import { Inbox, OnEvent, OutboxWriter, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import { chunksOf } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { defaultScale } from '../catalogue/indicator.dto';
import { IndicatorDefinitionRepository } from '../catalogue/indicator-definition.repository';
import { jsonbKeyOrder } from '../indices/index-result-columns';
import { IndexRunRepository, type IndexResultColumns } from '../indices/index-run.repository';
import { IndicatorValueRepository } from '../values/indicator-value.repository';

/** Areas per `indicator.index.results` event: well below Kafka's default 1 MB message limit. */
export const INDEX_PART_SIZE = 2000;

type PublishedArea = EventPayload<'indicator.index.results'>['areas'][number];

/**
 * Turns the indicator service's own change notices into facts other services can keep as read
 * models: after `indicator.values.changed` the stored values (with counts), after
 * `indicator.index.computed` the per-area results of the run. Consuming its own events keeps
 * this out of every write path (imports, formulas, network measures, demo) and makes the facts
 * describe what was committed. Once per event (inbox), in the same transaction as the outbox.
 */
@Injectable()
export class FactPublicationHandler {
  constructor(
    @InjectDataSource('indicator') private readonly db: DataSource,
    private readonly inbox: Inbox,
    private readonly outbox: OutboxWriter,
    private readonly definitions: IndicatorDefinitionRepository,
    private readonly values: IndicatorValueRepository,
    private readonly runs: IndexRunRepository,
  ) {}

  @OnEvent('indicator.values.changed', { consumer: 'indicator.value-publication' })
  async onValues(event: DeliveredEvent<'indicator.values.changed'>, context: EventContext): Promise<void> {
    await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      this.publishValues(manager, event.payload),
    );
  }

  @OnEvent('indicator.index.computed', { consumer: 'indicator.index-publication' })
  async onIndex(event: DeliveredEvent<'indicator.index.computed'>, context: EventContext): Promise<void> {
    await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      this.publishIndex(manager, event.payload),
    );
  }

  private async publishValues(
    manager: EntityManager,
    change: EventPayload<'indicator.values.changed'>,
  ): Promise<void> {
    const definition = await this.definitions.liveByCode(change.tenantId, change.indicatorCode, manager);
    if (!definition) return;
    const { id, version, body } = definition;
    // An empty area list means "every area" for the changed periods.
    const counts = await this.values.countsByPeriod(
      manager,
      change.tenantId,
      id,
      change.periods,
      change.areaIds,
    );
    const parts = counts.reduce((sum, c) => sum + Math.ceil(c.n / PUBLISHED_VALUES_PER_PART), 0);
    // One period at a time, each written to the outbox before the next is read: ten periods of
    // an indicator over 50,000 areas hold 50,000 cells at once, not 500,000. `parts` counts what
    // the periods held when counted; a value committed in between by another import only shifts
    // the numbering — consumers apply each part on its own, and that import's own event follows.
    let part = 0;
    for (const { period } of counts) {
      const columns = await this.values.columnsOfPeriod(
        manager,
        change.tenantId,
        id,
        period,
        change.areaIds,
        PUBLISHED_VALUES_PER_PART,
      );
      await this.outbox.appendMany(
        manager,
        columns.map((cells) => ({
          type: 'indicator.values.published' as const,
          payload: {
            tenantId: change.tenantId,
            indicatorCode: change.indicatorCode,
            definitionVersion: version,
            name: body.name.de,
            unit: body.unit,
            polarity: body.polarity,
            scale: body.scale ?? defaultScale(body.unit),
            minNumerator: body.confidentiality?.minNumerator ?? 0,
            sourceId: change.sourceId,
            part: ++part,
            parts: Math.max(parts, part),
            period,
            ...cells,
          },
          meta: { tenantId: change.tenantId, key: `${change.tenantId}:${change.indicatorCode}` },
        })),
      );
    }
  }

  private async publishIndex(
    manager: EntityManager,
    computed: EventPayload<'indicator.index.computed'>,
  ): Promise<void> {
    const run = await this.runs.find(computed.tenantId, computed.runId, manager);
    if (!run) return;
    const columns = await this.runs.results(computed.runId, manager);
    const areas = columns ? publishedAreas(run.definition, columns) : [];
    const classes = Object.fromEntries(
      run.definition.indices.map((index) => [
        index.id,
        index.classes.map((c) => ({ code: c.code, label: c.label })),
      ]),
    );
    const parts = chunksOf(areas, INDEX_PART_SIZE);
    await this.outbox.appendMany(
      manager,
      parts.map((part, i) => ({
        type: 'indicator.index.results' as const,
        payload: {
          tenantId: computed.tenantId,
          runId: computed.runId,
          definitionKey: computed.definitionKey,
          label: run.label,
          period: run.period,
          level: run.level,
          classes,
          part: i + 1,
          parts: parts.length,
          areas: part,
        },
        meta: { tenantId: computed.tenantId, key: `${computed.tenantId}:${computed.runId}` },
      })),
    );
  }
}

/** Each area's value and class code per index id, keys in the order the per-area JSON had. */
function publishedAreas(definition: IndexDefinition, columns: IndexResultColumns): PublishedArea[] {
  const indices = jsonbKeyOrder(
    definition.indices.map((index, k) => ({ id: index.id, k, codes: index.classes.map((c) => c.code) })),
    (index) => index.id,
  );
  return columns.areaIds.map((areaId, i) => {
    const values: Record<string, number> = {};
    const classes: Record<string, string> = {};
    if (columns.valid[i])
      for (const { id, k, codes } of indices) {
        values[id] = columns.values[k][i] as number;
        classes[id] = codes[(columns.classes[k][i] as number) - 1];
      }
    return { areaId, valid: columns.valid[i], values, classes };
  });
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Inbox, OnEvent, OutboxWriter, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import { CacheStore } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { tenantGeneration } from '../cache/tenant-generation';
import { CatalogueService } from '../catalogue/catalogue.service';
import { IndicatorDefinitionRepository } from '../catalogue/indicator-definition.repository';
import { AreaRefRepository } from '../common/area-ref.repository';
import { IndicatorValueRepository } from '../values/indicator-value.repository';
import type { IndicatorContent } from '../catalogue/indicator.dto';

/** Names of the network measures the network service publishes (others get their code as name). */
const KNOWN_METRICS: Record<string, { de: string; en: string; unit: IndicatorContent['unit'] }> = {
  density: { de: 'Netzwerkdichte', en: 'Network density', unit: 'ratio' },
  crossSectorTieShare: {
    de: 'Anteil sektorübergreifender Beziehungen',
    en: 'Cross-sector tie share',
    unit: 'ratio',
  },
  isolates: { de: 'Isolierte Akteure', en: 'Isolated actors', unit: 'count' },
  components: { de: 'Komponenten', en: 'Components', unit: 'count' },
};

/**
 * `network.metrics.computed` → values of indicators `network.<metric>` for the area and
 * period. Missing catalogue entries are created (source "network"). Applied once per event
 * (inbox in the same transaction); emits `indicator.values.changed` like any import.
 */
@Injectable()
export class NetworkMetricsHandler {
  private readonly logger = new Logger(NetworkMetricsHandler.name);

  constructor(
    @InjectDataSource('indicator') private readonly db: DataSource,
    private readonly inbox: Inbox,
    private readonly outbox: OutboxWriter,
    private readonly catalogue: CatalogueService,
    private readonly cache: CacheStore,
    private readonly areaRefs: AreaRefRepository,
    private readonly definitions: IndicatorDefinitionRepository,
    private readonly values: IndicatorValueRepository,
  ) {}

  @OnEvent('network.metrics.computed', { consumer: 'indicator.network-metrics' })
  async onMetrics(event: DeliveredEvent<'network.metrics.computed'>, context: EventContext): Promise<void> {
    const { payload } = event;
    if (payload.areaId === null) {
      this.logger.debug(`network ${payload.networkId}: metrics without an area are not indicator values`);
      return;
    }
    const outcome = await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      this.apply(manager, event),
    );
    if (!outcome.duplicate && outcome.result)
      await this.cache.bumpGeneration(tenantGeneration(payload.tenantId));
  }

  private async apply(
    manager: EntityManager,
    event: DeliveredEvent<'network.metrics.computed'>,
  ): Promise<boolean> {
    const { tenantId, areaId, period, metrics, networkId, waveId } = event.payload;
    if (!areaId || !(await this.areaRefs.exists(tenantId, areaId, manager))) {
      this.logger.warn(`network metrics for unknown area ${areaId} (tenant ${tenantId}) ignored`);
      return false;
    }
    for (const [metric, value] of Object.entries(metrics)) {
      const code = `network.${metric}`;
      // Serialise concurrent first sightings of the same metric.
      await this.definitions.lockCodeForCreation(manager, tenantId, code);
      const refs = await this.catalogue.refs(tenantId, manager);
      let ref = refs.get(code);
      if (!ref) {
        const names = KNOWN_METRICS[metric] ?? {
          de: `Netzwerk: ${metric}`,
          en: `Network: ${metric}`,
          unit: 'index' as const,
        };
        await this.catalogue.define(
          tenantId,
          'network-service',
          code,
          {
            name: { de: names.de, en: names.en },
            description: 'Aus der Netzwerkanalyse (Netzwerkdienst) übernommen.',
            unit: names.unit,
            polarity: 'neutral',
            source: 'Quartier network service',
            periodicity: 'irregular',
            impactStep: null,
            confidentiality: null,
          },
          'network',
          manager,
        );
        ref = (await this.catalogue.refs(tenantId, manager)).get(code)!;
      }
      await this.values.upsertValue(
        manager,
        {
          tenantId,
          indicatorId: ref.id,
          definitionVersion: ref.version,
          sourceId: `network:${networkId}:${waveId}`,
        },
        { period, areaId, value },
      );
      await this.outbox.append(
        manager,
        'indicator.values.changed',
        {
          tenantId,
          indicatorCode: code,
          definitionVersion: ref.version,
          periods: [period],
          areaIds: [areaId],
          sourceId: `network:${networkId}:${waveId}`,
        },
        { tenantId, key: `${tenantId}:${code}` },
      );
    }
    return true;
  }
}

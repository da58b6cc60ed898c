import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { IndicatorClient, NetworkClient, SurveyClient, problemFrom } from '@quartier/portal-data-access';
import { formatDecimal, I18n, TableDownload, type TableRows, type TranslationKey } from '@quartier/portal-ui';
import { formatChange, formatValue } from './profile-format';

/** Actors listed by name; the rest are counted. */
const ACTORS_SHOWN = 12;

/**
 * What Quartier knows about an area beyond the registry's facts: key indicators with their
 * trend, its classes in the newest social index, the surveys covering it and the actors with
 * offerings in it. A part the caller may not read (surveys for programme managers) is left out
 * instead of showing an error.
 */
@Component({
  selector: 'q-area-profile',
  imports: [RouterLink, TableDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './area-profile.html',
  styleUrl: './area-profile.scss',
})
export class AreaProfile {
  private readonly indicatorClient = inject(IndicatorClient);
  private readonly surveyClient = inject(SurveyClient);
  private readonly networkClient = inject(NetworkClient);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  readonly areaId = input.required<string>();

  protected readonly profile = resource({
    params: () => this.areaId(),
    loader: ({ params }) =>
      this.indicatorClient.get('/api/indicator/values/profile', { query: { area: params } }),
  });
  protected readonly surveys = resource({
    params: () => this.areaId(),
    loader: ({ params }) =>
      this.surveyClient.get('/api/survey/surveys', { query: { area: params, limit: 20 } }),
  });
  protected readonly actors = resource({
    params: () => this.areaId(),
    loader: ({ params }) => this.networkClient.get('/api/network/resources', { query: { areaId: params } }),
  });

  protected readonly shownActors = computed(() =>
    this.actors.hasValue() ? this.actors.value().items.slice(0, ACTORS_SHOWN) : [],
  );
  protected readonly moreActors = computed(() =>
    this.actors.hasValue() ? Math.max(0, this.actors.value().items.length - ACTORS_SHOWN) : 0,
  );

  /** The key indicators as shown, for their CSV/XLSX download (numbers stay numbers). */
  protected readonly indicatorRows = computed<TableRows>(() => {
    const header = [
      this.t('areas.profileIndicator'),
      this.t('areas.profileValue'),
      this.t('areas.profilePeriod'),
      this.t('areas.profileChange'),
      this.t('areas.profileTrendHeading'),
    ];
    if (!this.profile.hasValue()) return [header];
    return [
      header,
      ...this.profile
        .value()
        .indicators.map((row) => [
          this.name(row.name),
          row.latest?.value ?? null,
          row.latest?.period ?? null,
          row.change,
          row.direction ? this.trend(row.direction) : null,
        ]),
    ];
  });

  /** A part is shown unless the service refused it to this caller. */
  protected refused(error: unknown): boolean {
    const status = problemFrom(error).status;
    return status === 403 || status === 404;
  }

  protected readonly name = this.i18n.pick;
  protected readonly label = this.i18n.tenantLabel;

  protected value(value: number, unit: string): string {
    return formatValue(value, unit, this.number, this.t('areas.profileYears'));
  }

  protected change(change: number, unit: string): string {
    return formatChange(change, unit, this.number, this.t('areas.profileYears'));
  }

  protected trend(direction: string): string {
    return this.t(`areas.profileTrend.${direction}` as TranslationKey);
  }

  protected status(status: string): string {
    return this.t(`areas.profileSurveyStatus.${status}` as TranslationKey);
  }

  protected readonly formatNumber = this.i18n.formatNumber;
  private readonly number = (n: number): string => formatDecimal(n, this.i18n.locale(), 2);
}

import { Injectable, inject } from '@angular/core';
import { problemFrom } from '@quartier/portal-data-access';
import {
  I18n,
  describeProblem,
  featureKeyTexts,
  featureTexts,
  formatDecimal,
  formatPercent,
} from '@quartier/portal-ui';
import { DE, type NetworkTextKey } from './texts-de';
import { EN } from './texts-en';

export type { NetworkTextKey };

/** This feature's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class NetworkTexts {
  private readonly i18n = inject(I18n);
  readonly t = featureTexts<NetworkTextKey>(DE, EN);
  private readonly tk = featureKeyTexts(DE, this.t);

  readonly sector = (sector: string | null): string => this.t(`sector.${sector ?? 'none'}` as NetworkTextKey);
  readonly tieType = (type: string): string => this.tk('tie', type);
  readonly offering = (type: string): string => this.tk('offering', type);
  /** A count (responses, areas, rows …) in the reader's locale: 1.234 in German, 1,234 in English. */
  readonly count = this.i18n.formatNumber;
  readonly number = (value: number | null | undefined, digits = 3): string =>
    formatDecimal(value, this.i18n.locale(), digits);
  /** A share (0.85) as a percentage: '85 %' in German, '85%' in English. */
  readonly percent = (share: number | null | undefined): string =>
    formatPercent(share, this.i18n.locale(), 1);

  /** A failed call as one translated sentence, chosen by the service's error code. */
  readonly problem = (error: unknown): string => describeProblem(problemFrom(error), this.i18n.t);
}

export { SECTOR_COLOURS, communityColour } from './colours';

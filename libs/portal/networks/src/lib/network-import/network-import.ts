import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { ChoiceField, textChoices } from '@quartier/portal-ui';
import {
  NetworkApi,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  type Tie,
} from '../network-api';
import { type NetworkTextKey, NetworkTexts } from '../texts';
import { importIssueText } from './import-issues';
import { type TieSummary, tieSummary } from './tie-attributes';

type TieType = Tie['type'];
export const TIE_TYPES = [
  'cooperation',
  'information',
  'referral',
  'resources',
  'funding',
] as const satisfies readonly TieType[];
/** Holds only when TIE_TYPES offers every tie type the service knows. */
export const TIE_TYPES_COMPLETE: [Exclude<TieType, (typeof TIE_TYPES)[number]>] extends [never]
  ? true
  : never = true;
type ParallelTies = NonNullable<ImportOptions['parallelTies']>;
type SelfTies = NonNullable<ImportOptions['selfTies']>;

/** The options of the import's selects, in the order offered, with their texts. */
const PARALLEL_TIES: Readonly<Record<ParallelTies, NetworkTextKey>> = {
  sum: 'parallelSum',
  max: 'parallelMax',
  first: 'parallelFirst',
  strict: 'parallelStrict',
};
const SELF_TIES: Readonly<Record<SelfTies, NetworkTextKey>> = { drop: 'selfDrop', strict: 'selfStrict' };
const MODES = { merge: 'modeMerge', replace: 'modeReplace' } as const satisfies Record<
  string,
  NetworkTextKey
>;

/**
 * Imports a GEXF or GraphML file into a wave: which attribute holds the tie type and what its
 * values mean, how repeated ties and self-ties are treated (as Gephi and NetworkX users expect,
 * or strictly refused), then the import summary or every bad row with its line.
 */
@Component({
  selector: 'q-network-import',
  imports: [ChoiceField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './network-import.html',
  styleUrl: '../networks-page/networks-page.scss',
})
export class NetworkImport {
  readonly networkId = input.required<string>();
  readonly waveId = input.required<string>();
  readonly imported = output<ImportResult>();

  private readonly api = inject(NetworkApi);
  protected readonly texts = inject(NetworkTexts);
  protected readonly t = this.texts.t;
  protected readonly tieTypes = TIE_TYPES;

  protected readonly file = signal<File | null>(null);
  protected readonly summary = signal<TieSummary | null>(null);
  protected readonly typeAttribute = signal('');
  protected readonly typeValues = signal<Record<string, TieType>>({});
  protected readonly parallelTies = signal<ParallelTies>('sum');
  protected readonly selfTies = signal<SelfTies>('drop');
  protected readonly mode = signal<keyof typeof MODES>('merge');
  protected readonly busy = signal(false);
  protected readonly result = signal<ImportResult | null>(null);
  protected readonly problems = signal<ImportProblem[]>([]);
  protected readonly failure = signal<string | null>(null);

  protected readonly parallelChoices = textChoices(PARALLEL_TIES, this.t);
  protected readonly selfTieChoices = textChoices(SELF_TIES, this.t);
  protected readonly modeChoices = textChoices(MODES, this.t);
  protected readonly attributeChoices = computed(() =>
    (this.summary()?.attributes ?? []).map((a) => ({ value: a.name, label: a.name })),
  );

  protected readonly chosenValues = computed(
    () => this.summary()?.attributes.find((a) => a.name === this.typeAttribute()) ?? null,
  );

  /** A problem of a refused upload in the reader's language, by the code the service gives. */
  protected problemText(problem: ImportProblem): string {
    const { key, params } = importIssueText(problem);
    return this.t(key, params);
  }

  protected async chooseFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0] ?? null;
    this.file.set(file);
    this.result.set(null);
    this.problems.set([]);
    this.failure.set(null);
    this.summary.set(null);
    this.typeAttribute.set('');
    this.typeValues.set({});
    const format = file ? formatOf(file.name) : null;
    if (!file || !format) {
      if (file) this.failure.set(this.t('importWrongFile'));
      return;
    }
    const summary = tieSummary(await file.text(), format);
    this.summary.set(summary);
    // A declared `type` attribute decides the tie type by itself (the service reads it so).
    if (summary?.attributes.some((a) => a.name === 'type')) this.typeAttribute.set('type');
  }

  protected chooseAttribute(name: string): void {
    this.typeAttribute.set(name);
    this.typeValues.set({});
  }

  protected mapValue(value: string, type: string): void {
    const next = { ...this.typeValues() };
    if (TIE_TYPES.includes(type as TieType)) next[value] = type as TieType;
    else delete next[value];
    this.typeValues.set(next);
  }

  protected async start(): Promise<void> {
    const file = this.file();
    const format = file ? formatOf(file.name) : null;
    if (!file || !format) return;
    this.busy.set(true);
    this.failure.set(null);
    this.problems.set([]);
    this.result.set(null);
    const options: ImportOptions = {
      format,
      mode: this.mode(),
      parallelTies: this.parallelTies(),
      selfTies: this.selfTies(),
    };
    if (this.typeAttribute() !== '') options.tieTypeAttribute = this.typeAttribute();
    if (Object.keys(this.typeValues()).length > 0) options.tieTypes = JSON.stringify(this.typeValues());
    try {
      const result = await this.api.importFile(this.networkId(), this.waveId(), file, options);
      this.result.set(result);
      this.imported.emit(result);
    } catch (error) {
      const details = error instanceof HttpErrorResponse ? error.error?.details : undefined;
      if (details?.errors) this.problems.set(details.errors as ImportProblem[]);
      this.failure.set(this.texts.problem(error));
    } finally {
      this.busy.set(false);
    }
  }
}

function formatOf(name: string): 'gexf' | 'graphml' | null {
  const lower = name.toLowerCase();
  return lower.endsWith('.gexf') ? 'gexf' : lower.endsWith('.graphml') ? 'graphml' : null;
}

import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  resource,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { EvaluationClient, Session } from '@quartier/portal-data-access';
import { Loaded, PageHeading } from '@quartier/portal-ui';
import { EvaluationTexts } from '../texts';
import { CreateEvaluation } from './create-evaluation';

type StatusFilter = '' | 'draft' | 'in-review' | 'final';

/** `/evaluation`: the evaluations within the caller's scope, filtered by status or programme; new ones (editors). */
@Component({
  selector: 'q-evaluations-page',
  imports: [PageHeading, Loaded, RouterLink, FormsModule, CreateEvaluation],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './evaluations-page.html',
  styleUrl: '../evaluation.scss',
})
export class EvaluationsPage {
  private readonly api = inject(EvaluationClient);
  private readonly session = inject(Session);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  /** `?programme=<id>` (links from a programme page) filters the list and preselects the programme. */
  readonly programme = input<string | undefined>(undefined);

  protected readonly status = signal<StatusFilter>('');
  protected readonly programmeFilter = signal('');
  protected readonly statuses: StatusFilter[] = ['', 'draft', 'in-review', 'final'];

  protected readonly programmes = resource({
    loader: () => this.api.get('/api/evaluation/programmes', { query: { limit: 500 } }),
  });
  protected readonly evaluations = resource({
    params: () => ({ status: this.status(), programmeId: this.programmeFilter() }),
    loader: ({ params }) =>
      this.api.get('/api/evaluation/evaluations', {
        query: {
          limit: 500,
          status: params.status === '' ? undefined : params.status,
          programmeId: params.programmeId === '' ? undefined : params.programmeId,
        },
      }),
  });
  protected readonly canCreate = computed(() => this.session.hasRole('evaluator', 'tenant-admin'));

  constructor() {
    effect(() => {
      const id = this.programme();
      if (id) this.programmeFilter.set(id);
    });
  }

  protected objectText(object: {
    kind: string;
    programmeName: string | null;
    measureTitle: string | null;
    areas: readonly { code: string }[];
  }): string {
    const kind = this.texts.tk('kind', object.kind);
    if (object.kind === 'programme') return `${kind}: ${object.programmeName ?? '–'}`;
    if (object.kind === 'measure')
      return `${kind}: ${object.measureTitle ?? '–'} (${object.programmeName ?? '–'})`;
    return `${kind}: ${object.areas.map((a) => a.code).join(', ')}`;
  }
}

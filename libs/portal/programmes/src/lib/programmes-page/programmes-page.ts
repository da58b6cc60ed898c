import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { ProgrammeClient, Session } from '@quartier/portal-data-access';
import { CreateSection, Loaded, PageHeading, Submission } from '@quartier/portal-ui';
import { newProgramme, type NewProgrammeProblem } from './new-programme';
import { ProgrammeTexts } from '../texts';

/** `/programmes`: the programmes within the caller's scope, and creating one (managers). */
@Component({
  selector: 'q-programmes-page',
  imports: [PageHeading, Loaded, CreateSection, RouterLink, FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('heading')" [intro]="t('intro')" />
    <ng-container *qLoaded="programmes; problem: texts.problem; empty: t('none'); let list">
      <table class="table" data-testid="programme-list">
        <thead>
          <tr>
            <th scope="col">{{ t('name') }}</th>
            <th scope="col">{{ t('funder') }}</th>
            <th scope="col">{{ t('status') }}</th>
            <th scope="col" class="num">{{ t('areas') }}</th>
            <th scope="col" class="num">{{ t('measures') }}</th>
            <th scope="col" class="num">{{ t('budget') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (p of list.items; track p.id) {
            <tr>
              <th scope="row">
                <a [routerLink]="[p.id]">{{ p.name }}</a>
              </th>
              <td>{{ p.funder }}</td>
              <td>{{ texts.tk('status', p.status) }}</td>
              <td class="num">{{ texts.count(p.areaCount) }}</td>
              <td class="num">{{ texts.count(p.measureCount) }}</td>
              <td class="num">{{ texts.euros(p.budgetCents) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </ng-container>

    @if (canCreate()) {
      <section qCreateSection [heading]="t('create')" [error]="submission.error()">
        <form (ngSubmit)="create()" class="form">
          <label for="p-name">{{ t('name') }}</label>
          <input id="p-name" name="name" [(ngModel)]="name" required maxlength="200" />
          <label for="p-funder">{{ t('funder') }}</label>
          <input id="p-funder" name="funder" [(ngModel)]="funder" maxlength="200" />
          <label for="p-legal">{{ t('legalBasis') }}</label>
          <input id="p-legal" name="legalBasis" [(ngModel)]="legalBasis" maxlength="500" />
          <label for="p-from">{{ t('periodFrom') }}</label>
          <input id="p-from" name="from" type="date" [(ngModel)]="from" required />
          <label for="p-to">{{ t('periodTo') }}</label>
          <input id="p-to" name="to" type="date" [(ngModel)]="to" required />
          <label for="p-lines">{{ t('budgetLines') }}</label>
          <textarea id="p-lines" name="lines" rows="4" [(ngModel)]="lines"></textarea>
          <label for="p-fields">{{ t('fieldsOfAction') }}</label>
          <textarea id="p-fields" name="fields" rows="4" [(ngModel)]="fields"></textarea>
          <button type="submit" [disabled]="submission.busy() || !name.trim() || !from || !to">
            {{ t('createSubmit') }}
          </button>
        </form>
      </section>
    }
  `,
  styleUrl: '../programme.scss',
})
export class ProgrammesPage {
  private readonly api = inject(ProgrammeClient);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;

  protected readonly programmes = resource({
    loader: () => this.api.get('/api/programme/programmes', { query: { limit: 500 } }),
  });
  protected readonly canCreate = computed(() => this.session.hasRole('tenant-admin', 'programme-manager'));

  protected name = '';
  protected funder = '';
  protected legalBasis = '';
  protected from = '';
  protected to = '';
  protected lines =
    'projektfonds = Projektfonds\naktionsfonds = Aktionsfonds\nbaufonds = Baufonds\nnetzwerkfonds = Netzwerkfonds';
  protected fields = 'bildung = Bildung\nnachbarschaft = Nachbarschaft\ngesundheit = Gesundheit';
  protected readonly submission = new Submission(this.texts.problem);

  protected async create(): Promise<void> {
    const checked = newProgramme({
      name: this.name,
      funder: this.funder,
      legalBasis: this.legalBasis,
      from: this.from,
      to: this.to,
      budgetLines: this.lines,
      fieldsOfAction: this.fields,
    });
    if (!checked.ok) return this.submission.error.set(this.problemText(checked.problem));
    await this.submission.run(async () => {
      const programme = await this.api.post('/api/programme/programmes', { body: checked.body });
      await this.router.navigate(['/programmes', programme.id]);
    });
  }

  private problemText(problem: NewProgrammeProblem): string {
    switch (problem.kind) {
      case 'badLine':
        return `${this.t(problem.list)}: ${this.t('badKeyedLines', { line: problem.line })}`;
      case 'tooMany':
        return `${this.t(problem.list)}: ${this.t('tooManyLines', { max: this.texts.count(problem.max) })}`;
      case 'noBudgetLine':
        return this.t('noBudgetLine');
      case 'periodOrder':
        return this.t('periodOrder');
    }
  }
}

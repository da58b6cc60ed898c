import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  resource,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type AreaSummary,
  ROLES,
  RegistryApi,
  type Role,
  type RoleAssignment,
  problemFrom,
} from '@quartier/portal-data-access';
import {
  I18n,
  Notice,
  PageHeading,
  type TranslationKey,
  describeProblem,
  pageRange,
  trimmedText,
} from '@quartier/portal-ui';
import { AreaPicker } from '../area-picker/area-picker';

const PAGE_SIZE = 50;
const SUBJECT_MAX_LENGTH = 200;

/**
 * Admin page: who holds which role, for which area (and its subtree); add and remove
 * assignments. An assignment is "role X at the identity provider + scope Y here": the page says
 * so, offers no role the registry refuses (platform and tenant administration are the
 * provider's alone), shows per assignment whether the provider's role is there, and asks the
 * administrator to confirm a role the person did not hold at their last sign-in.
 */
@Component({
  selector: 'q-role-assignments',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    Notice,
    PageHeading,
    AreaPicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './role-assignments.html',
  styleUrl: './role-assignments.scss',
})
export class RoleAssignments {
  private readonly api = inject(RegistryApi);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly subjectMax = SUBJECT_MAX_LENGTH;
  protected readonly formatDate = this.i18n.formatDate;
  protected readonly formatNumber = this.i18n.formatNumber;
  protected readonly roles = ROLES.filter((role) => role !== 'platform-admin' && role !== 'tenant-admin');

  protected readonly subjectFilter = signal('');
  protected readonly offset = signal(0);
  protected readonly assignments = resource({
    params: () => ({ subject: this.subjectFilter() || undefined, limit: PAGE_SIZE, offset: this.offset() }),
    loader: ({ params }) => this.api.roleAssignments(params),
  });
  protected readonly listError = computed(() => {
    const error = this.assignments.error();
    return error ? describeProblem(problemFrom(error), this.t) : null;
  });
  protected readonly page = computed(() => {
    if (!this.assignments.hasValue()) return null;
    const { items, total } = this.assignments.value();
    // The pager is shown only for a page with assignments on it.
    return { items, total, ...(pageRange(this.offset(), items.length, total) ?? { from: 0, to: 0 }) };
  });

  protected readonly filter = new FormControl('', { nonNullable: true });
  protected readonly form = new FormGroup({
    subject: new FormControl('', {
      nonNullable: true,
      // The registry's grantRoleSchema: the subject trimmed, 1–200 characters.
      validators: [trimmedText({ max: SUBJECT_MAX_LENGTH })],
    }),
    role: new FormControl<Role | null>(null, { validators: [Validators.required] }),
  });
  protected readonly area = signal<AreaSummary | null>(null);
  private readonly picker = viewChild(AreaPicker);
  private readonly addForm = viewChild('addForm', { read: FormGroupDirective });
  protected readonly message = signal<{ kind: 'success' | 'error'; text: string } | null>(null);
  protected readonly busy = signal(false);
  /** A grant the registry refused because the provider's role is missing, to confirm or drop. */
  protected readonly unconfirmed = signal<{ subject: string; role: Role; area: AreaSummary | null } | null>(
    null,
  );
  protected readonly acknowledged = signal(false);

  protected roleName(role: Role): string {
    return this.t(`role.${role}` as TranslationKey);
  }

  protected applyFilter(): void {
    this.offset.set(0);
    this.subjectFilter.set(this.filter.value.trim());
  }

  protected previous(): void {
    this.offset.update((offset) => Math.max(0, offset - PAGE_SIZE));
  }

  protected next(): void {
    this.offset.update((offset) => offset + PAGE_SIZE);
  }

  /** What the identity provider's side of an assignment looks like (from the last sign-in). */
  protected providerState(assignment: RoleAssignment): string {
    if (assignment.effective === null) return this.t('roles.providerUnknown');
    return this.t(assignment.effective ? 'roles.providerEffective' : 'roles.providerMissing');
  }

  protected async add(): Promise<void> {
    const { subject, role } = this.form.getRawValue();
    if (this.form.invalid || role === null) {
      this.form.markAllAsTouched();
      return;
    }
    await this.grant({ subject: subject.trim(), role, area: this.area() }, false);
  }

  /** The administrator confirmed granting the role at the provider: assign the scope anyway. */
  protected async addConfirmed(): Promise<void> {
    const pending = this.unconfirmed();
    if (pending && this.acknowledged()) await this.grant(pending, true);
  }

  private async grant(
    request: { subject: string; role: Role; area: AreaSummary | null },
    acknowledgeProviderRole: boolean,
  ): Promise<void> {
    this.busy.set(true);
    try {
      const created = await this.api.addRoleAssignment({
        subject: request.subject,
        role: request.role,
        areaId: request.area?.id ?? null,
        ...(acknowledgeProviderRole ? { acknowledgeProviderRole } : {}),
      });
      this.message.set({
        kind: 'success',
        text: this.t('roles.added', {
          role: this.roleName(created.role),
          subject: created.subject,
          scope: created.areaName ?? this.t('roles.areaNone'),
        }),
      });
      this.unconfirmed.set(null);
      this.acknowledged.set(false);
      // resetForm() also clears the "submitted" state, which would otherwise flag the emptied
      // required fields as errors right away.
      this.addForm()?.resetForm({ subject: '', role: null });
      this.picker()?.reset();
      this.assignments.reload();
    } catch (error) {
      const problem = problemFrom(error);
      this.unconfirmed.set(problem.code === 'RoleNotHeldAtProvider' ? request : null);
      this.acknowledged.set(false);
      this.message.set({
        kind: 'error',
        text: this.t('roles.error', { reason: describeProblem(problem, this.t) }),
      });
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(assignment: RoleAssignment): Promise<void> {
    const question = this.t('roles.removeConfirm', {
      role: this.roleName(assignment.role),
      subject: assignment.subject,
    });
    if (!this.document.defaultView?.confirm(question)) return;
    this.busy.set(true);
    try {
      await this.api.removeRoleAssignment(assignment.id);
      this.message.set({ kind: 'success', text: this.t('roles.removed') });
      this.assignments.reload();
    } catch (error) {
      this.message.set({
        kind: 'error',
        text: this.t('roles.error', { reason: describeProblem(problemFrom(error), this.t) }),
      });
    } finally {
      this.busy.set(false);
    }
  }
}

import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Auth, Session } from '@quartier/portal-data-access';
import { I18n, LanguageSwitch, type TranslationKey } from '@quartier/portal-ui';
import { RouteFocus } from '../route-focus';

interface NavItem {
  readonly path: string;
  readonly label: TranslationKey;
}

/** Feature areas in the order of the planning cycle (DOMAIN.md); unbuilt ones show "in Vorbereitung". */
const NAV: readonly NavItem[] = [
  { path: '/areas', label: 'nav.areas' },
  { path: '/indicators', label: 'nav.indicators' },
  { path: '/surveys', label: 'nav.surveys' },
  { path: '/networks', label: 'nav.networks' },
  { path: '/programmes', label: 'nav.programmes' },
  { path: '/evaluation', label: 'nav.evaluation' },
  { path: '/reports', label: 'nav.reports' },
];

const ADMIN_NAV: readonly NavItem[] = [
  { path: '/admin/area-import', label: 'nav.adminImport' },
  { path: '/admin/role-assignments', label: 'nav.adminRoles' },
];

@Component({
  selector: 'q-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatButtonModule, LanguageSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './layout.html',
  styleUrl: './layout.scss',
})
export class Layout {
  protected readonly auth = inject(Auth);
  protected readonly session = inject(Session);
  protected readonly t = inject(I18n).t;
  protected readonly nav = NAV;
  protected readonly adminNav = ADMIN_NAV;
  protected readonly isAdmin = computed(() => {
    const roles = this.session.me()?.roles ?? [];
    return roles.includes('tenant-admin') || roles.includes('platform-admin');
  });
  protected readonly userName = computed(() => this.session.me()?.name ?? this.auth.displayName());

  constructor() {
    inject(RouteFocus).start(inject(DestroyRef));
    effect(() => {
      if (this.auth.isAuthenticated()) void this.session.load();
    });
  }

  protected login(): void {
    void this.auth.login('/areas');
  }

  protected logout(): void {
    void this.auth.logout();
  }
}

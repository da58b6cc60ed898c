import { InjectionToken } from '@angular/core';
import type { PortalConfig } from './portal-config';

export const PORTAL_CONFIG = new InjectionToken<PortalConfig>('PORTAL_CONFIG');

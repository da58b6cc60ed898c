// Labels of codes the owning services answer with (actor sectors, brokerage roles, measure
// statuses), and texts the assemblers of pinned data use. Part of the one texts table.
export const LABEL_TEXTS = {
  'sector.public-administration': { de: 'Verwaltung', en: 'Public administration' },
  'sector.welfare': { de: 'Wohlfahrt und soziale Träger', en: 'Welfare' },
  'sector.civil-society': { de: 'Zivilgesellschaft', en: 'Civil society' },
  'sector.business': { de: 'Wirtschaft', en: 'Business' },
  'sector.residents': { de: 'Bewohnerinnen und Bewohner', en: 'Residents' },
  'sector.unknown': { de: 'ohne Angabe', en: 'not stated' },
  'role.coordinator': { de: 'Koordination', en: 'coordinator' },
  'role.gatekeeper': { de: 'Türöffner', en: 'gatekeeper' },
  'role.representative': { de: 'Vertretung', en: 'representative' },
  'role.consultant': { de: 'Beratung', en: 'consultant' },
  'role.liaison': { de: 'Verbindung', en: 'liaison' },
  'status.proposed': { de: 'beantragt', en: 'proposed' },
  'status.approved': { de: 'bewilligt', en: 'approved' },
  'status.running': { de: 'laufend', en: 'running' },
  'status.completed': { de: 'abgeschlossen', en: 'completed' },
  'status.rejected': { de: 'abgelehnt', en: 'rejected' },
  'status.cancelled': { de: 'abgebrochen', en: 'cancelled' },
  'profile.network.waveOf': { de: '{network}, {wave}', en: '{network}, {wave}' },
  'profile.withheld': {
    de: 'Diese Angaben sind für Ihre Rolle nicht freigegeben und daher nicht im Bericht enthalten.',
    en: 'This information is not released for your role and is therefore not part of the report.',
  },
  'profile.cityOf': { de: 'Stadt', en: 'City' },
  'batch.readme.title': { de: 'Sozialraumprofile', en: 'Area profiles' },
} as const;

/**
 * Keys of labels known for a code family; unknown codes are shown as they are. (Sectors are the
 * contracts' SECTORS.)
 */
export const ROLE_KEYS = ['coordinator', 'gatekeeper', 'representative', 'consultant', 'liaison'] as const;
export const STATUS_KEYS = ['proposed', 'approved', 'running', 'completed', 'rejected', 'cancelled'] as const;

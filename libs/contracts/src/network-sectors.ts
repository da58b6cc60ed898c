/**
 * The sector rings of VennMaker / easyNWK (DOMAIN.md "Network analysis"), in the order drawings
 * and legends show them: the network service stores an actor's sector as one of these and
 * computes brokerage roles and the E-I index across them; the portal and the reports name them.
 */
export const SECTORS = [
  'public-administration',
  'welfare',
  'civil-society',
  'business',
  'residents',
] as const;
export type Sector = (typeof SECTORS)[number];

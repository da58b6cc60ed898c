/**
 * The cache key of a tenant's generation, which every key of its map data carries: bumping it
 * when values or areas change retires them all at once (`CacheStore.bumpGeneration`).
 */
export function tenantGeneration(tenantId: string): string {
  return `indicator:gen:${tenantId}`;
}

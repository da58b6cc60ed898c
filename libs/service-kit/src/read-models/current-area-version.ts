/**
 * Which of a tenant's area versions is current — one rule for the registry (its `area_version`
 * table) and for every service's `area_ref` read model, so a map, an area list and a report
 * agree on the areas of a level: the version in force on `today`, i.e. the latest valid-from on
 * or before it; when every version starts later, the latest one (a tenant with only a future
 * version still has areas to show). A version imported ahead of its date becomes current on that
 * date, without a new event.
 *
 * `today` is the calendar day of the service's injected Clock in the platform's time zone
 * (`clock.today()`, QUARTIER_TIME_ZONE): a version dated 1 January takes over at midnight in the
 * city. Never the database's `current_date`: tests and demos (QUARTIER_CLOCK_START) fix the day,
 * and the database's own time zone setting is not the city's.
 */
export function currentAreaVersionSql(tenantParam: string, todayParam: string): string {
  // Two look-ups of the newest valid-from, each one entry of an index leading with
  // (tenant_id, valid_from) where there is one (the indicator's area_ref_tenant_version_idx).
  return `COALESCE(
      (SELECT max(valid_from) FROM area_ref WHERE tenant_id = ${tenantParam} AND valid_from <= ${todayParam}::date),
      (SELECT max(valid_from) FROM area_ref WHERE tenant_id = ${tenantParam}))`;
}

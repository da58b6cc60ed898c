/** `/api/x/{id}` with `{ id }` → `/api/x/<id, URI-encoded>`. */
export function fillPath(template: string, path: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = path[name];
    if (value === undefined || value === null || value === '')
      throw new Error(`path parameter ${name} of ${template} is missing`);
    return encodeURIComponent(String(value));
  });
}

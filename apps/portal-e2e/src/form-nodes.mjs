// Questionnaire nodes as the survey service's PUT …/form takes them, for suites that seed a form
// through the API: every field a question carries, German labels only.

/** A required question; `extra` sets the fields of its type (listName, appearance, likert …). */
export const question = (name, type, label, extra) => ({
  kind: 'question',
  type,
  name,
  label: { de: label },
  hint: {},
  required: true,
  requiredMessage: {},
  constraintMessage: {},
  readOnly: false,
  extra: {},
  ...extra,
});

/** A choice of a choice list. */
export const choice = (name, label) => ({ name, label: { de: label }, properties: {} });

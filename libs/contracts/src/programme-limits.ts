// Bounds of a programme's money that the programme service's DTOs enforce and the portal's forms
// check before sending (budgets, a measure's budget and expenditures, allocations).

/** The years a budget, an expenditure or an allocation may be for. */
export const BUDGET_YEARS = { min: 1990, max: 2100 } as const;

/** The largest amount in euro cents (100 billion euros): far above any programme, exact in a double. */
export const MAX_CENTS = 1e13;

/**
 * A key of a budget line or field of action (`projektfonds`): what budgets, allocations and
 * measures refer to a line or field by.
 */
export const PROGRAMME_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** How many budget lines and fields of action a programme may have. */
export const PROGRAMME_LIST_LIMITS = { budgetLines: 30, fieldsOfAction: 50 } as const;

/** A measure's free texts: the description, and its target groups (how many, how long each). */
export const MEASURE_TEXT_LIMITS = { description: 8000, targetGroups: 30, targetGroupLength: 100 } as const;

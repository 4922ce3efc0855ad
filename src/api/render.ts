import type { UserProperty, UserResult } from '../check/userProperty.js';
import { userResultLines, userResultsJson } from '../report/userReport.js';
import type { Model } from './load.js';

/**
 * Results as `tifcheck verify --properties` prints them: a line per property, then each
 * violation's minimal input, what broke and the run, step by step, in `columns` columns.
 */
export function renderResults(
  model: Model,
  properties: readonly UserProperty[],
  results: readonly UserResult[],
  columns = 80,
): string {
  return `${userResultLines(model.input, properties, results, columns).join('\n')}\n`;
}

/** Results as JSON data (verify --json's `userResults`): each counterexample in the report's fields. */
export function resultsJson(model: Model, results: readonly UserResult[]): unknown[] {
  return userResultsJson(model.input, results);
}

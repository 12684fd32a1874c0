/**
 * The built-in drill scenarios, one YAML file each in `library/` beside this file. Core does no
 * I/O: the server or the CLI reads them (`builtinScenarios` in `@firebreak/contract/yaml-file`
 * takes the reader). The published package ships them in `dist/library/`, where the bundled
 * `index.js` resolves these URLs; the CLI bundle rewrites `import.meta.url` to the source file.
 */
export const BUILTIN_SCENARIO_IDS = [
  'fraud-drift-misclassification',
  'copilot-retrieval-pii-leak',
  'copilot-prompt-injection-tool-misuse',
  'fraud-bias-after-refresh',
  'copilot-refusal-regression',
  'copilot-hallucination-prompt-change',
  'fraud-backdoored-model',
  'fraud-model-extraction',
] as const;

/**
 * Where each built-in scenario's file lives.
 *
 * @example
 * const text = readFileSync(builtinScenarioUrl('fraud-backdoored-model'), 'utf8');
 */
export function builtinScenarioUrl(id: (typeof BUILTIN_SCENARIO_IDS)[number]): URL {
  return new URL(`./library/${id}.yaml`, import.meta.url);
}

/**
 * Where the built-in rule pack lives: `packs/builtin.yaml` beside this file. Core does no I/O; the
 * server or the CLI reads the file at start-up and validates it with `RulePackFile` from
 * `@firebreak/contract` (the CLI bundle rewrites `import.meta.url` so the path holds from `dist/`).
 *
 * @example
 * await loadHolidayCalendars();
 * const text = readFileSync(BUILTIN_RULE_PACK_URL, 'utf8');
 * const result = parseYamlFile(RulePackFile, text, 'builtin.yaml', 'expected "format: 1"');
 */
export const BUILTIN_RULE_PACK_URL: URL = new URL('./packs/builtin.yaml', import.meta.url);

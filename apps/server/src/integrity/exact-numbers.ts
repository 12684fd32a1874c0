// Strings (with their escapes) or numbers, in the text PostgreSQL gives for a jsonb value.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** A decimal as sign, significant digits and exponent, so two spellings of one value compare equal. */
function normalise(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) return literal;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  let digits = whole + fraction;
  let power = Number(exponent) - fraction.length;
  const leading = digits.match(/^0*/)?.[0].length ?? 0;
  digits = digits.slice(leading);
  if (digits === '') return '0';
  const trailing = digits.match(/0*$/)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  power += trailing;
  return `${sign}${digits}e${power}`;
}

/**
 * The numbers in a stored jsonb text that a JavaScript number cannot hold exactly: such a
 * number reads back rounded, hashes as the rounded value, and so could be edited unseen.
 * Everything Firebreak writes comes from JavaScript numbers, so any such number was not.
 *
 * @example
 * inexactNumbers('{"a": 0.1, "b": 0.10000000000000000001}') // ['0.10000000000000000001']
 */
export function inexactNumbers(jsonText: string): string[] {
  const found: string[] = [];
  for (const [token] of jsonText.matchAll(TOKEN)) {
    if (token.startsWith('"')) continue;
    const value = Number(token);
    if (!Number.isFinite(value) || normalise(String(value)) !== normalise(token)) found.push(token);
  }
  return found;
}

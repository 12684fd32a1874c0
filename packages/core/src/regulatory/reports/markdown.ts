// Markdown from text Firebreak did not write: titles, summaries, timeline notes, hostile or not.
// Escaped so it stays text: no heading, link, HTML, table cell or list can come out of it.

/** Characters that start Markdown or HTML anywhere in a line (GFM tables and strikethrough included). */
const INLINE = /[\\`*_[\]<>|~&#]/g;

/**
 * One line of text made inert in Markdown: inline markup escaped, and what would start a block at
 * the head of a line (a list, a quote, a setext underline, an ordered list) escaped too.
 *
 * @example
 * escapeMarkdownLine('# Leak | <b>x</b>'); // '\\# Leak \\| \\<b\\>x\\</b\\>'
 */
export function escapeMarkdownLine(line: string): string {
  return line
    .trimStart()
    .replace(INLINE, '\\$&')
    .replace(/^([-+=>])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Splits text into lines on any line break a renderer might honour. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/);
}

/**
 * Text on one line, to stand inside a line (a heading after its `#`, a table cell, after a label):
 * line breaks become spaces and inline markup is escaped.
 */
export function escapeMarkdownInline(text: string): string {
  return splitLines(text).join(' ').replace(INLINE, '\\$&');
}

/** A table cell: one line, pipes escaped. */
export function markdownCell(text: string): string {
  return escapeMarkdownInline(text);
}

/** Text of several lines as a quote block, each line escaped, so no line can leave the block. */
export function markdownQuote(text: string): string {
  return splitLines(text)
    .map((line) => {
      const escaped = escapeMarkdownLine(line);
      return escaped === '' ? '>' : `> ${escaped}`;
    })
    .join('\n');
}

/** A bulleted list; an item's own line breaks stay inside the item as hard breaks. */
export function markdownList(items: readonly string[]): string {
  return items
    .map((item) => {
      const lines = splitLines(item).map(escapeMarkdownLine);
      return `- ${lines.join('\\\n  ')}`;
    })
    .join('\n');
}

import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { buildDraft } from './build';
import { DRAFT_FORMATS, type Draft } from './draft';
import { bareRecord, privacyLeakRecord } from './fixture';
import { escapeMarkdownLine } from './markdown';
import type { RegulatoryRecord } from './record';
import { renderDraftJson, renderDraftMarkdown } from './render';

// The Markdown is checked by rendering it with markdown-it (as the server renders postmortems),
// GFM tables on, so what a reader's viewer would make of it is what the tests see.
const md = new MarkdownIt({ html: true, linkify: true });

const fieldCount = (draft: Draft) => draft.sections.reduce((n, section) => n + section.fields.length, 0);

function hostileRecord(): RegulatoryRecord {
  const record = privacyLeakRecord();
  return {
    ...record,
    title: 'Leak | of <script>alert(1)</script>\n# Injected heading',
    description: [
      'First line | with a pipe',
      '---',
      '# Not a heading',
      '1. not a list',
      '> not a quote',
      '[click](javascript:alert(1)) ![img](https://evil.example/x.png) <img src=x onerror=alert(1)>',
      '| a | b |',
      '|---|---|',
      '&lt;b&gt;entity&lt;/b&gt; `code` **bold** _it_ ~~gone~~ \\',
    ].join('\n'),
    impact: { ...record.impact, resultingHarm: 'Harm\r\n## Injected in a list?' },
    response: {
      ...record.response,
      chain: [{ at: '2026-11-24T08:40:00.000Z', actor: 'eve | <b>', text: 'line one\n- line two\n<script>x</script>' }],
      rootCause: '=====\nsetext?',
    },
    parties: {
      ...record.parties,
      submitter: { ...record.parties.submitter, organisation: 'Org\n| x | y |' },
    },
  };
}

describe('renderDraftMarkdown', () => {
  it.each(DRAFT_FORMATS)(
    '%s: hostile record text stays text (one heading 1, no HTML, no links, one table row a field)',
    (format) => {
      const draft = buildDraft(format, hostileRecord());
      const markdown = renderDraftMarkdown(draft);
      const html = md.render(markdown);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).not.toMatch(/<script|<img|<b>|<code>code<\/code>|<strong>bold|<s>|<blockquote>\s*<p>not a quote/);
      expect(html).not.toMatch(/href="javascript|>click<\/a>/);
      expect(html).not.toMatch(/<h\d>(Injected|Not a heading)/);
      expect(html).toContain('Leak | of &lt;script&gt;alert(1)&lt;/script&gt; # Injected heading');
      if (draft.applicable) {
        expect(html.match(/<table>/g)).toHaveLength(1);
        expect(html.match(/<tr>/g)).toHaveLength(fieldCount(draft) + 1);
        const headings = html.match(/<h3>/g) ?? [];
        expect(headings).toHaveLength(fieldCount(draft));
      }
    },
  );

  it('keeps a multi-line description inside its quote, every line present', () => {
    const html = md.render(renderDraftMarkdown(buildDraft('oecd', hostileRecord())));
    const quote = /<h3>2 · Description · required<\/h3>\s*<blockquote>([\s\S]*?)<\/blockquote>/.exec(html);
    expect(quote).not.toBeNull();
    for (const text of ['First line | with a pipe', '---', '# Not a heading', '1. not a list', '&gt; not a quote'])
      expect(quote?.[1]).toContain(text);
  });

  it('marks every field that needs a person, and shows the originals beside mapped values', () => {
    const draft = buildDraft('oecd', privacyLeakRecord());
    const markdown = renderDraftMarkdown(draft);
    expect(markdown.match(/✍ \*\*NEEDS A PERSON\.\*\*/g)).toHaveLength(draft.summary.needsPerson);
    expect(markdown).toContain(
      `**${draft.summary.filled} of 29 fields filled from Firebreak; ${draft.summary.needsPerson} need a person (1 of them required); 0 not applicable.**`,
    );
    expect(markdown).toMatch(
      /### 10 · Severity[^\n]*\n\nserious incident\n\n_Source: `classification\.oecdSeverity`_\n\nFirebreak’s own value: SEV1 \(Firebreak severity\); no \(Firebreak near miss\)/,
    );
  });

  it.each(DRAFT_FORMATS)('%s: a record with nothing optional renders with no blanks shown as undefined', (format) => {
    const markdown = renderDraftMarkdown(buildDraft(format, bareRecord()));
    expect(markdown).not.toMatch(/undefined|NaN|Invalid Date|null/);
    expect(markdown.endsWith('\n')).toBe(true);
    if (format === 'atlas')
      expect(markdown).toMatch(/\*\*Not applicable\.\*\* An ATLAS case study describes an attack/);
    else expect(markdown).toContain('✍ **NEEDS A PERSON.**');
  });
});

describe('renderDraftJson', () => {
  it.each(DRAFT_FORMATS)('%s: is the draft as data, summary included', (format) => {
    const draft = buildDraft(format, privacyLeakRecord());
    const parsed = JSON.parse(renderDraftJson(draft));
    expect(parsed).toEqual(draft);
    expect(parsed.summary.total).toBe(fieldCount(draft));
  });
});

describe('escapeMarkdownLine', () => {
  it.each([
    ['# h', '\\# h'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['> quote', '\\> quote'],
    ['12. item', '12\\. item'],
    ['3) item', '3\\) item'],
    ['a | b', 'a \\| b'],
    ['<b>', '\\<b\\>'],
    ['[x](y)', '\\[x\\](y)'],
    ['back\\slash', 'back\\\\slash'],
    ['plain words, 1. inside', 'plain words, 1. inside'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdownLine(input)).toBe(expected);
  });
});

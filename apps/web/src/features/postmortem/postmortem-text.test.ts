import type { LintFindingView, Moment, ResponseFigures } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import {
  citationOptions,
  figureSteps,
  inlineRuns,
  markdownBlocks,
  markSegments,
  momentsToShow,
} from './postmortem-text';

const finding = (start: number, end: number, excerpt = ''): LintFindingView => ({
  rule: 'counterfactual',
  message: 'A counterfactual judges with hindsight.',
  excerpt,
  suggestion: 'Say what the system allowed.',
  where: 'sections.summary',
  start,
  end,
  line: 1,
  column: start + 1,
});

const moment = (seq: number, key: boolean): Moment => ({
  at: new Date(Date.UTC(2026, 11, 6, 9, seq)).toISOString(),
  actor: 'dana',
  kind: 'note_added',
  text: `entry ${seq}`,
  key,
  seq,
});

describe('figureSteps', () => {
  it('chains the moments with the duration from the step before', () => {
    const figures: ResponseFigures = {
      onsetAt: '2026-12-06T09:00:00.000Z',
      detectedAt: '2026-12-06T09:10:00.000Z',
      acknowledgedAt: '2026-12-06T09:12:00.000Z',
      isolatedAt: null,
      containedAt: '2026-12-06T09:40:00.000Z',
      resolvedAt: null,
      onsetToDetect: 600,
      detectToAcknowledge: 120,
      acknowledgeToIsolate: null,
      isolateToContain: null,
      containToResolve: null,
      onsetToResolve: null,
    };
    const steps = figureSteps(figures);
    expect(steps.map((step) => step.label)).toEqual([
      'Onset',
      'Detected',
      'Acknowledged',
      'Isolated',
      'Contained',
      'Resolved',
    ]);
    expect(steps[1]).toEqual({ label: 'Detected', at: '2026-12-06T09:10:00.000Z', since: 600 });
    expect(steps[2]?.since).toBe(120);
    expect(steps[3]).toEqual({ label: 'Isolated', at: null, since: null });
  });
});

describe('momentsToShow', () => {
  const moments = [moment(3, false), moment(1, true), moment(2, false), moment(4, true)];
  it('shows only the starred moments, in time order, until all are asked for', () => {
    expect(momentsToShow(moments, false).map((m) => m.seq)).toEqual([1, 4]);
  });
  it('puts the starred ones first when all are shown', () => {
    expect(momentsToShow(moments, true).map((m) => m.seq)).toEqual([1, 4, 2, 3]);
  });
  it('shows every moment while none is starred', () => {
    expect(momentsToShow([moment(2, false), moment(1, false)], false).map((m) => m.seq)).toEqual([1, 2]);
  });
});

describe('markSegments', () => {
  const text = 'Dana should have checked the index.';
  it('marks the ranges the findings cover', () => {
    const segments = markSegments(text, [finding(5, 16)]);
    expect(segments.map((s) => [s.text, s.finding !== undefined])).toEqual([
      ['Dana ', false],
      ['should have', true],
      [' checked the index.', false],
    ]);
  });
  it('skips overlapping and out-of-range findings, keeping the text whole', () => {
    const segments = markSegments(text, [finding(0, 4), finding(2, 8), finding(30, 99)]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.finding).map((s) => s.text)).toEqual(['Dana']);
  });
  it('returns the text unmarked without findings, and one empty run for empty text', () => {
    expect(markSegments(text, [])).toEqual([{ text }]);
    expect(markSegments('', [])).toEqual([{ text: '' }]);
  });
});

describe('markdownBlocks', () => {
  it('reads headings, paragraphs, lists, quotes and fenced code', () => {
    const blocks = markdownBlocks(
      '## Impact\nTwelve conversations\nin the EU.\n\n- one\n- two\n1. first\n> quoted\n```\ncode <b>\n```',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Impact' },
      { kind: 'paragraph', text: 'Twelve conversations in the EU.' },
      { kind: 'list', ordered: false, items: ['one', 'two'] },
      { kind: 'list', ordered: true, items: ['first'] },
      { kind: 'quote', text: 'quoted' },
      { kind: 'code', text: 'code <b>' },
    ]);
  });
  it('reads a pipe table, skipping its separator row', () => {
    expect(markdownBlocks('| Moment | UTC |\n|---|:---:|\n| Onset | 04:40 |\n| Detected | 04:45 |\nAfter.')).toEqual([
      {
        kind: 'table',
        header: ['Moment', 'UTC'],
        rows: [
          ['Onset', '04:40'],
          ['Detected', '04:45'],
        ],
      },
      { kind: 'paragraph', text: 'After.' },
    ]);
  });
  it('splits inline strong, emphasis and code', () => {
    expect(inlineRuns('a **b** *c* `d` e')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'em', text: 'c' },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd' },
      { kind: 'text', text: ' e' },
    ]);
  });
});

describe('citationOptions', () => {
  it('offers timeline entries, evidence, alerts and decisions, each once', () => {
    const options = citationOptions({
      timeline: [{ seq: 14, title: 'Contained' }],
      evidence: [
        { id: 'EV-2', title: 'Leaking answer' },
        { id: 'EV-2', title: 'Leaking answer' },
      ],
      alerts: [{ id: 'ALR-1', title: 'pii-in-answers' }],
      decisions: [{ id: 'DEC-1', decision: 'Roll back' }],
    });
    expect(options.map((o) => `${o.kind}:${o.ref}`)).toEqual([
      'timeline:14',
      'evidence:EV-2',
      'alert:ALR-1',
      'decision:DEC-1',
    ]);
    expect(options[0]?.label).toBe('#14 Contained');
  });
});

import { readFileSync } from 'node:fs';
import { DomainError } from '@firebreak/core';
import { describe, expect, it } from 'vitest';
import { mapOtlpLogs, mapOtlpTraces } from './otlp';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./fixtures/otlp/${name}.json`, import.meta.url), 'utf8'));

/** The first span of a fixture, changed by `change`, in a body of its own. */
function withSpan(name: string, change: (span: Record<string, any>) => void): Record<string, unknown> {
  const body = fixture(name) as any;
  change(body.resourceSpans[0].scopeSpans[0].spans[0]);
  return body;
}

function refusal(run: () => unknown): { code: string; message: string; path: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    return { code: e.code, message: e.message, path: (e.details as any).issues?.[0]?.path };
  }
  throw new Error('expected a refusal');
}

describe('mapOtlpTraces', () => {
  it('turns the GenAI docs’ chat span into a generation event: model, provider, tokens, latency, finish reasons', () => {
    const mapping = mapOtlpTraces(fixture('chat-span'));
    expect(mapping).toMatchObject({ total: 1, ignored: 0, rejectedTotal: 0, rejected: [] });
    expect(mapping.items).toHaveLength(1);
    expect(mapping.items[0]!.path).toBe('resourceSpans[0].scopeSpans[0].spans[0]');
    expect(mapping.items[0]!.events).toEqual([
      {
        system: 'support-bot',
        ts: '2025-12-01T10:00:01.250Z',
        id: 'otlp:4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7',
        kind: 'generation',
        model: 'gpt-4-0613',
        latency_ms: 1250,
        error: false,
        features: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.usage.input_tokens': 52,
          'gen_ai.usage.output_tokens': 47,
          'gen_ai.response.finish_reasons': 'stop',
        },
      },
    ]);
  });

  it('reads the names from before semconv 1.37, base64 ids, numbers for 64-bit fields and an error status the same way', () => {
    const [event] = mapOtlpTraces(fixture('chat-span-old-names')).items[0]!.events;
    expect(event).toEqual({
      // firebreak.system wins over service.name
      system: 'support-bot',
      ts: '2025-12-01T10:00:03.000Z',
      // the same span as in chat-span.json, sent with base64 ids: the same event id
      id: 'otlp:4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7',
      kind: 'generation',
      model: 'gpt-4',
      latency_ms: 3000,
      error: true,
      features: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.usage.input_tokens': 52,
        'gen_ai.usage.output_tokens': 0,
      },
    });
  });

  it('maps a guardrail deny for prompt injection to flags, and an evaluation span event to an evaluation event', () => {
    const mapping = mapOtlpTraces(fixture('guardrail-deny'));
    expect(mapping).toMatchObject({ total: 2, ignored: 0, rejectedTotal: 0 });
    const [chat, guardrail] = mapping.items;
    expect(chat!.events).toEqual([
      expect.objectContaining({ kind: 'generation', model: 'claude-sonnet-4', latency_ms: 800 }),
      {
        system: 'support-bot',
        ts: '2025-12-01T10:01:01.000Z',
        id: 'otlp:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174:evaluation:0',
        kind: 'evaluation',
        metric: 'Relevance',
        value: 0.42,
        model: 'claude-sonnet-4',
        features: { 'gen_ai.evaluation.score.label': 'irrelevant' },
      },
    ]);
    expect(guardrail!.events).toEqual([
      {
        system: 'support-bot',
        ts: '2025-12-01T10:01:00.050Z',
        id: 'otlp:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b175',
        kind: 'prediction',
        prediction: 'deny',
        confidence: 0.93,
        latency_ms: 50,
        error: false,
        features: {
          'gen_ai.operation.name': 'run_guardrail',
          'gen_ai.guardrail.verdict.type': 'deny',
          'gen_ai.guardrail.action.type': 'block',
          'gen_ai.guardrail.security.risk.category': 'prompt_injection',
          'gen_ai.guardrail.security.risk.score': 0.93,
        },
        flags: {
          policy_violation: true,
          injection_suspected: true,
          'risk:prompt_injection': true,
          // from the finding event on the same span
          'risk:jailbreak': true,
        },
      },
    ]);
  });

  it.each([
    ['sensitive_info_disclosure', 'pii'],
    ['jailbreak', 'injection_suspected'],
    ['system_prompt_leakage', 'secret'],
    ['misinformation', 'hallucination_suspected'],
    ['custom:financial advice', undefined],
  ])('flags risk category %s as %s, and always as risk:<category>', (category, standard) => {
    const body = withSpan('chat-span', (span) => {
      span.attributes.push(
        { key: 'gen_ai.guardrail.risk.category', value: { stringValue: category } },
        { key: 'gen_ai.guardrail.verdict.type', value: { stringValue: 'warn' } },
      );
    });
    const flags = mapOtlpTraces(body).items[0]!.events[0]!.flags;
    expect(flags).toEqual({
      ...(standard ? { [standard]: true } : {}),
      [`risk:${category.replace(' ', '_')}`]: true,
    });
  });

  it('ignores and counts spans that are not GenAI (the OTLP spec’s own example)', () => {
    expect(mapOtlpTraces(fixture('plain-trace'))).toEqual({
      items: [],
      rejected: [],
      rejectedTotal: 0,
      ignored: 1,
      total: 1,
    });
    expect(mapOtlpTraces({})).toMatchObject({ total: 0, items: [] });
  });

  it('rejects a span alone, naming its field, when it cannot become an event', () => {
    const body = fixture('guardrail-deny') as any;
    const spans = body.resourceSpans[0].scopeSpans[0].spans;
    spans[0].endTimeUnixNano = '1764583100000000000';
    const mapping = mapOtlpTraces(body);
    expect(mapping.rejected).toEqual([
      { path: 'resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano', message: 'ends before startTimeUnixNano' },
    ]);
    expect(mapping.rejectedTotal).toBe(1);
    // the other span is kept; the rejected span's evaluation is not half-kept
    expect(mapping.items.map((item) => item.path)).toEqual(['resourceSpans[0].scopeSpans[0].spans[1]']);
  });

  it('names the resource attribute when the system is missing or not a system id', () => {
    const missing = fixture('chat-span') as any;
    missing.resourceSpans[0].resource.attributes = [];
    expect(mapOtlpTraces(missing).rejected).toEqual([
      {
        path: 'resourceSpans[0].resource.attributes',
        message: 'no firebreak.system or service.name resource attribute naming the system',
      },
    ]);
    const invalid = fixture('chat-span') as any;
    invalid.resourceSpans[0].resource.attributes[0].value.stringValue = 'Support Bot!';
    expect(mapOtlpTraces(invalid).rejected[0]).toMatchObject({
      path: 'resourceSpans[0].resource.attributes.service.name',
      message: expect.stringMatching(/^system: /),
    });
    const long = withSpan('chat-span', (span) => {
      span.attributes[2].value.stringValue = 'm'.repeat(300);
      span.attributes.splice(6, 1);
    });
    expect(mapOtlpTraces(long).rejected[0]).toMatchObject({
      path: 'resourceSpans[0].scopeSpans[0].spans[0].attributes.gen_ai.request.model',
    });
    const tool = withSpan('chat-span', (span) => {
      span.attributes.push({ key: 'gen_ai.tool.name', value: { stringValue: 't'.repeat(1001) } });
    });
    expect(mapOtlpTraces(tool).rejected).toEqual([
      {
        path: 'resourceSpans[0].scopeSpans[0].spans[0].attributes.gen_ai.tool.name',
        message: 'features.gen_ai.tool.name: at most 1000 characters',
      },
    ]);
  });

  it.each([
    ['traceId', (s: any) => (s.traceId = 'not-an-id'), 'resourceSpans[0].scopeSpans[0].spans[0].traceId'],
    ['short spanId', (s: any) => (s.spanId = 'abcd'), 'resourceSpans[0].scopeSpans[0].spans[0].spanId'],
    ['zero traceId', (s: any) => (s.traceId = '0'.repeat(32)), 'resourceSpans[0].scopeSpans[0].spans[0].traceId'],
    [
      'timestamp',
      (s: any) => (s.startTimeUnixNano = 'yesterday'),
      'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano',
    ],
    [
      'intValue',
      (s: any) => (s.attributes[7].value = { intValue: '5x' }),
      'resourceSpans[0].scopeSpans[0].spans[0].attributes.gen_ai.usage.input_tokens.intValue',
    ],
    [
      'attributes',
      (s: any) => (s.attributes = { 'gen_ai.request.model': 'gpt-4' }),
      'resourceSpans[0].scopeSpans[0].spans[0].attributes',
    ],
    ['status code', (s: any) => (s.status = { code: 'bad' }), 'resourceSpans[0].scopeSpans[0].spans[0].status.code'],
    [
      'attribute key',
      (s: any) => (s.attributes[0] = { value: {} }),
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].key',
    ],
  ])('refuses the whole body when a span is malformed (%s), naming the field', (_name, change, path) => {
    expect(refusal(() => mapOtlpTraces(withSpan('chat-span', change)))).toMatchObject({
      code: 'validation_failed',
      path,
    });
  });

  it('refuses bodies that are not OTLP at all, naming where', () => {
    expect(refusal(() => mapOtlpTraces([]))).toMatchObject({ path: '(body)' });
    expect(refusal(() => mapOtlpTraces({ resourceSpans: {} }))).toMatchObject({ path: 'resourceSpans' });
    expect(refusal(() => mapOtlpTraces({ resourceSpans: [{ scopeSpans: [{ spans: [7] }] }] }))).toMatchObject({
      path: 'resourceSpans[0].scopeSpans[0].spans[0]',
    });
  });

  it('bounds the work: spans per body and the nesting of attribute values', () => {
    const body = fixture('chat-span') as any;
    const spans = body.resourceSpans[0].scopeSpans[0].spans;
    spans.push(spans[0], spans[0]);
    expect(refusal(() => mapOtlpTraces(body, { maxItems: 2 }))).toMatchObject({ code: 'payload_too_large' });
    let value: Record<string, unknown> = { stringValue: 'deep' };
    for (let i = 0; i < 20; i += 1) value = { arrayValue: { values: [value] } };
    const deep = withSpan('chat-span', (span) => span.attributes.push({ key: 'deep', value }));
    expect(refusal(() => mapOtlpTraces(deep)).message).toMatch(/nested deeper than 8 levels/);
  });
});

describe('mapOtlpLogs', () => {
  it('maps a GenAI log record, an evaluation event and ignores the OTLP spec’s plain log record', () => {
    const mapping = mapOtlpLogs(fixture('logs'));
    expect(mapping).toMatchObject({ total: 3, ignored: 1, rejectedTotal: 0 });
    expect(mapping.items.flatMap((item) => item.events)).toEqual([
      {
        system: 'support-bot',
        ts: '2024-06-10T06:13:20.000Z',
        id: 'otlp:4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:1718000000000000000',
        kind: 'generation',
        model: 'gpt-4o',
        error: true,
        features: { 'gen_ai.provider.name': 'openai', 'gen_ai.usage.input_tokens': 812 },
      },
      {
        system: 'support-bot',
        ts: '2024-06-10T06:13:21.000Z',
        id: 'otlp:4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:1718000001000000000:evaluation',
        kind: 'evaluation',
        metric: 'Answer_relevancy',
        value: 0.87,
        model: 'gpt-4o-2024-08-06',
        features: { 'gen_ai.evaluation.score.label': 'relevant' },
      },
    ]);
  });

  it('takes the event name from the event.name attribute too, and skips an evaluation without a score', () => {
    const body = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'support-bot' } }] },
          scopeLogs: [
            {
              logRecords: [
                {
                  observedTimeUnixNano: '1718000000000000000',
                  attributes: [
                    { key: 'event.name', value: { stringValue: 'gen_ai.evaluation.result' } },
                    { key: 'gen_ai.evaluation.name', value: { stringValue: 'toxicity' } },
                    { key: 'gen_ai.evaluation.score.value', value: { intValue: '1' } },
                  ],
                },
                {
                  timeUnixNano: '1718000000000000000',
                  eventName: 'gen_ai.evaluation.result',
                  attributes: [{ key: 'gen_ai.evaluation.score.label', value: { stringValue: 'pass' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const mapping = mapOtlpLogs(body);
    expect(mapping).toMatchObject({ total: 2, ignored: 1 });
    expect(mapping.items[0]!.events).toEqual([
      { system: 'support-bot', ts: '2024-06-10T06:13:20.000Z', kind: 'evaluation', metric: 'toxicity', value: 1 },
    ]);
  });

  it('rejects an evaluation without a name, naming the attribute', () => {
    const body = fixture('logs') as any;
    body.resourceLogs[0].scopeLogs[0].logRecords[1].attributes.shift();
    expect(mapOtlpLogs(body).rejected).toEqual([
      {
        path: 'resourceLogs[0].scopeLogs[0].logRecords[1].attributes.gen_ai.evaluation.name',
        message: 'metric: an evaluation event needs metric',
      },
    ]);
  });
});

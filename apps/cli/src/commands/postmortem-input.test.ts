import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { memoryIo } from '../io';
import { checkEditOptions } from './postmortem-edit';
import { editInEditor, parseStructured } from './postmortem-input';

describe('structured section files', () => {
  it('reads factors from YAML, citations defaulting to none', () => {
    const yaml = `
- category: prompt_guardrails
  description: Prompt v7 dropped the policy excerpt
  citations: [{ kind: evidence, ref: EV-2 }, { kind: timeline, ref: "14" }]
- category: detection_gap
  description: No monitor on policy contradictions
`;
    expect(parseStructured('factors', 'f.yaml', yaml)).toEqual([
      {
        category: 'prompt_guardrails',
        description: 'Prompt v7 dropped the policy excerpt',
        citations: [
          { kind: 'evidence', ref: 'EV-2' },
          { kind: 'timeline', ref: '14' },
        ],
      },
      { category: 'detection_gap', description: 'No monitor on policy contradictions', citations: [] },
    ]);
  });

  it('reads factors under a factors: key, and JSON', () => {
    const json = JSON.stringify({ factors: [{ category: 'data', description: 'stale index' }] });
    expect(parseStructured('factors', 'f.json', json)).toEqual([
      { category: 'data', description: 'stale index', citations: [] },
    ]);
  });

  it('reads one why chain or a list of them', () => {
    const chain = { problem: 'Wrong window', steps: [{ why: 'Why?', because: 'v7' }] };
    expect(parseStructured('whys', 'w.json', JSON.stringify(chain))).toHaveLength(1);
    expect(parseStructured('whys', 'w.json', JSON.stringify({ chains: [chain, chain] }))).toHaveLength(2);
  });

  it('reads impact figures', () => {
    expect(parseStructured('impact', 'i.yaml', 'users: 1200\nmoney: { amount: 4000, currency: EUR }')).toMatchObject({
      users: 1200,
      conversations: null,
      money: { amount: 4000, currency: 'EUR' },
      segments: [],
    });
  });

  it('names the file, the entry and the field that is wrong', () => {
    const yaml = '- category: prompts\n  description: v7\n';
    try {
      parseStructured('factors', 'f.yaml', yaml);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      const cli = error as CliError;
      expect(cli.exitCode).toBe(2);
      expect(cli.message).toBe('f.yaml: not valid factors (a list of {category, description, citations?})');
      expect(cli.listing.join('\n')).toMatch(/^f\.yaml: 0\.category: /);
    }
  });

  it('names a bad citation inside a why step', () => {
    const chain = { problem: 'p', steps: [{ why: 'w', because: 'b', citations: [{ kind: 'slack', ref: 'x' }] }] };
    expect(() => parseStructured('whys', 'w.json', JSON.stringify([chain]))).toThrow(CliError);
    try {
      parseStructured('whys', 'w.json', JSON.stringify([chain]));
    } catch (error) {
      expect((error as CliError).listing[0]).toMatch(/^w\.json: 0\.steps\.0\.citations\.0\.kind: /);
    }
  });

  it('refuses text that is not YAML', () => {
    expect(() => parseStructured('impact', 'i.yaml', 'users: [1, 2')).toThrow(/^i\.yaml: not YAML or JSON: /);
  });
});

describe('postmortem edit flags', () => {
  it.each([
    [{ section: 'summary' as const }, 'nothing to change'],
    [{ section: 'summary' as const, body: 'x', file: 'y.md' }, 'give one of --body TEXT, --file FILE or --editor'],
    [{ section: 'summary' as const, factorsFile: 'f.yaml' }, '--factors-file goes with --section factors'],
    [{ section: 'factors' as const, whysFile: 'w.yaml' }, '--whys-file goes with --section whys'],
  ])('refuses %j', (options, message) => {
    expect(() => checkEditOptions(options)).toThrow(message);
  });

  it('takes a structured file alone, or with the prose', () => {
    expect(() => checkEditOptions({ section: 'factors', factorsFile: 'f.yaml' })).not.toThrow();
    expect(() => checkEditOptions({ section: 'whys', whysFile: 'w.yaml', body: 'notes' })).not.toThrow();
  });

  it('refuses --editor without a terminal, saying what to use instead', async () => {
    const io = memoryIo({ env: { EDITOR: 'vi' } });
    await expect(editInEditor({ ...io, tty: { stdin: false, stdout: false } }, 'INC-2-summary', 'x')).rejects.toThrow(
      '--editor needs a terminal; without one, pass --body TEXT or --file FILE',
    );
  });

  it('saves what the editor wrote', async () => {
    // A scripted "editor": appends a line to the file it is given.
    const io = {
      ...memoryIo({ env: { EDITOR: 'sh -c \'printf "\\nadded" >> "$0"\'' } }),
      tty: { stdin: true, stdout: true },
    };
    const edited = await editInEditor(io, 'INC-2-summary', 'first');
    expect(edited.text).toBe('first\nadded');
    expect(edited.file).toMatch(/INC-2-summary\.md$/);
  });
});

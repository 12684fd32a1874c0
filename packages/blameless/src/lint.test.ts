import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlameful, lintProse } from './lint';

const people = ['Mina Castellanos', 'theo', 'support lead'];

async function rules(text: string): Promise<string[]> {
  return (await lintProse(text, { people })).map((finding) => finding.rule);
}

describe('lintProse', () => {
  it.each([
    ['Mina shipped an untested reranker to every region.', 'person-as-cause'],
    ['theo broke the prompt cache when he rotated the keys.', 'person-as-cause'],
    ["Mina Castellanos's change caused the assistant to leak internal notes.", 'person-as-cause'],
    ["The support lead's typo removed the PII filter.", 'person-as-cause'],
    ['The leak was caused by Theo.', 'person-as-cause'],
    ['THEO overlooked the warning in the eval report.', 'person-as-cause'],
    ['Mina should have pinned the model version.', 'counterfactual'],
    ['The support lead failed to escalate the jailbreak reports.', 'counterfactual'],
    ["We shouldn't have shipped on a holiday.", 'counterfactual'],
    ['The regression could have been prevented.', 'counterfactual'],
    ['If only the eval had covered Portuguese.', 'counterfactual'],
    ['Theo did not check the retrieval scores.', 'counterfactual'],
    ['The rollout was reckless.', 'blame-word'],
    ['Obviously the threshold was too low.', 'blame-word'],
    ['It was just a one-line prompt change.', 'blame-word'],
    ['The outage was blamed on the data team.', 'blame-word'],
    ['Operator error took the classifier offline.', 'blame-word'],
    ['The support lead needs to be more careful with overrides.', 'vigilance-action'],
    ['Coach theo on reading the guardrail dashboard.', 'vigilance-action'],
    ['Responders should double check the adapter hash.', 'vigilance-action'],
    // Tuned on corpus/blind.yaml: general classes, tested here on sentences of their own.
    ["The leak traces back to Mina's choice of tokenizer.", 'person-as-cause'],
    ["The regression stemmed from theo's edit to the router.", 'person-as-cause'],
    ["It was theo's migration that broke the guardrail.", 'person-as-cause'],
    ['Mina, as the service owner, was responsible for the outage.', 'person-as-cause'],
    ['The contractor overwrote the eval set.', 'person-as-cause'],
    ['The approver rubber-stamped the adapter release.', 'person-as-cause'],
    ['The support lead panicked and paged everyone.', 'person-as-cause'],
    ['Anyone reading the eval report would have spotted the gap.', 'counterfactual'],
    ['No one bothered to rerun the safety suite.', 'counterfactual'],
    ['The data team dropped the ball on label audits.', 'blame-word'],
    ['Theo skipped the canary, which was a bad call.', 'blame-word'],
    ['Retrain the senior support engineer on escalations.', 'vigilance-action'],
    ['Theo will personally check every adapter before release.', 'vigilance-action'],
    ['Mina deployed the reranker without testing it.', 'person-as-cause'],
    ['Theo merged the adapter anyway.', 'person-as-cause'],
    // The structure of blame with no blame word (rules/person-in-cause.ts), on sentences of their own.
    ['Mina pointed the eval job at production instead of the replica, locking the feature table.', 'person-as-cause'],
    ['Theo approved the adapter without running the red-team suite.', 'person-as-cause'],
    ['The support lead pushed the router change against advice.', 'person-as-cause'],
    [
      'Because Theo raised the temperature, the assistant invented refund rules and the refunds were wrong.',
      'person-as-cause',
    ],
    ['The refund hallucinations are on Mina.', 'person-as-cause'],
    ['It was Theo who turned off the citation check.', 'person-as-cause'],
    ["The root cause was Mina's choice of tokenizer.", 'person-as-cause'],
    ["Theo's cron job deleted the consent records.", 'person-as-cause'],
    ['The support lead was slow to page privacy.', 'person-as-cause'],
    ['Mina was told about the drift and still promoted the model.', 'person-as-cause'],
    ['Theo assumed the filter covered Portuguese and never tested it.', 'person-as-cause'],
    ['Nobody on the platform team thought to compare the two tokenizers.', 'person-as-cause'],
    ['The annotator mislabelled the sarcastic posts.', 'person-as-cause'],
    ['The leak happened thanks to Theo skipping the redaction step.', 'person-as-cause'],
    ['The threshold was lowered by Mina without review, so fraud got through.', 'person-as-cause'],
    ['Who approved this adapter?', 'person-as-cause'],
    ['Theo chose not to wait for the canary.', 'person-as-cause'],
    ['Accountability will be addressed with the individual.', 'blame-word'],
    ['Mina will sign off on every prompt change from now on.', 'vigilance-action'],
    ['All reviewers must read every line of the tool manifest.', 'vigilance-action'],
    ['Courtesy of someone on the search squad, the index was built from last week’s snapshot.', 'person-as-cause'],
    ['The canary never ran because Theo paused the job and never resumed it.', 'person-as-cause'],
    ['Mina to get approval from Theo personally before any threshold change.', 'vigilance-action'],
    ['The platform team, yet again, shipped a tokenizer nobody had pinned.', 'person-as-cause'],
    ['All Theo had to do was rerun the calibration.', 'person-as-cause'],
    ['Nice job, Mina, really nailed that prompt edit.', 'person-as-cause'],
    ['Theo tagged the build as a hotfix to get it out before his holiday.', 'person-as-cause'],
    ['The security team sat on the anomaly report for a month.', 'person-as-cause'],
    ['This will be taken up with the individual concerned.', 'blame-word'],
    // Tuned on corpus/blind6.yaml and blind7.yaml: the classes, on sentences of their own.
    ['Theo paused the reranker job and forgot to resume it.', 'person-as-cause'],
    ['Mina, rushing to make the demo, pushed the router config to the wrong cluster.', 'person-as-cause'],
    ['Instead of opening a change request, Theo edited the guardrail in the console.', 'person-as-cause'],
    ['The support lead shipped the macro w/o evals, as usual.', 'person-as-cause'],
    ['Theo approved the adapter in under a minute.', 'person-as-cause'],
    ['Mina decided the bias audit could wait until the next quarter.', 'person-as-cause'],
    ['Responsibility for the stale index rests squarely with the search squad.', 'person-as-cause'],
    ['The drift went unnoticed through a misreading on the part of the support lead.', 'person-as-cause'],
    ['Theo finally answers the page at 04:10, half an hour in.', 'person-as-cause'],
    ['ok who disabled the toxicity filter last night', 'person-as-cause'],
    ['The only deploy that bypassed the gate was the one Mina pushed.', 'person-as-cause'],
    ['Every other squad pins its tokenizer; the support lead did not.', 'person-as-cause'],
    ['Sure, turning off the rate limit during the launch was a brilliant idea.', 'person-as-cause'],
    ['Great job to whoever thought one reviewer was enough.', 'person-as-cause'],
    ["Thanks to Theo's workaround, the filter never saw the attachments.", 'person-as-cause'],
    ['The reviewers care more about speed than about the policy.', 'person-as-cause'],
    ['If the search squad had rebuilt the index, the answers would have been current.', 'counterfactual'],
    ['The drift persisted through a lack of diligence in the labelling team.', 'blame-word'],
    ['The on-call was not careful with the override.', 'blame-word'],
    ['The interns do not know what they are doing in production.', 'blame-word'],
    ['Reading the release notes was apparently too much to ask.', 'blame-word'],
    ['The privacy team, once again, was nowhere to be found.', 'blame-word'],
    // Tuned on corpus/blind8.yaml and blind9.yaml: the classes, on sentences of their own.
    ['Reviewer note: why did nobody on the search squad question a doubled latency?', 'person-as-cause'],
    ['The rollback runbook was skipped by the support lead.', 'person-as-cause'],
    ['The adapter was promoted by Theo without the eval report being opened.', 'person-as-cause'],
    ['The platform team was told about the expiry in May and did nothing.', 'person-as-cause'],
    ['Root cause is that Mina not test the new tokenizer before she merge it.', 'person-as-cause'],
    ['Theo pushed the router change. Didn’t check the canary.', 'person-as-cause'],
    ['The escalation came late because of her delay in paging, Mina said.', 'person-as-cause'],
    ['A user noticed the leak first, which is more than the search squad managed.', 'person-as-cause'],
    ['The stale answers only ever show up on Theo’s shift.', 'person-as-cause'],
    ['03:10 UTC Theo spends an hour on the wrong runbook instead of paging privacy.', 'person-as-cause'],
    ['The on-call slept through four pages.', 'person-as-cause'],
    ['The support lead didn’t think to compare the two prompts.', 'person-as-cause'],
    ['Rolled out at 17:55 on a Friday, because what could possibly go wrong.', 'blame-word'],
    ['I am sure the reviewers had something more important to do than read the diff.', 'blame-word'],
    ['It is frankly disappointing that the release went out unreviewed.', 'blame-word'],
    ['The squad did not show the diligence a production model needs.', 'blame-word'],
    ['Action: Theo to re-read the escalation policy.', 'vigilance-action'],
    ['Mina to manually test every prompt change in the playground.', 'vigilance-action'],
    ['Each reviewer shall confirm in writing that the eval report was read.', 'vigilance-action'],
    ['Future threshold changes will be checked line by line by the support lead.', 'vigilance-action'],
    ['Engineers will please remember to pin the tokenizer.', 'vigilance-action'],
  ])('flags %s as %s', async (text, rule) => {
    expect(await rules(text)).toContain(rule);
  });

  it.each([
    'Mina rolled the reranker back at 14:02.',
    'Theo paged the support lead when the refusal rate doubled.',
    "Mina's rollback brought the answer quality back to baseline.",
    'The retrieval service failed to return results for Portuguese queries.',
    'The release gate should block adapters without an eval report.',
    'Retrain the classifier on the relabelled set.',
    'Nobody is to blame: the override had no expiry.',
    'The fault tolerance tests passed, but none covered a slow tokenizer.',
    'The canary would have caught it with a larger sample.',
    'Theo had just pinned the model when the alert fired.',
    'Latency rose just after the cache was flushed.',
    'The config contained a mistake that no validation caught.',
    'A user wrote: "you should have known better, bot."',
    'Add an automated double-check of the adapter hash.',
    'Had to roll back the adapter at 10:00.',
    'The guardrail blamed the tokenizer in its error message.',
    'Mina asked the support lead to confirm the refund policy.',
    'Theo is responsible for the tokenizer and its tests.',
    'Nobody was responsible for the outage: the job had no owner.',
    'The incident traces back to a cache key that ignored the locale.',
    'It was the cache that caused the stale answers.',
    'The nightly job overwrote the eval set with an empty file.',
    'Retrain the reranker model on the relabelled set.',
    'Anyone can rerun the eval suite from the dashboard.',
    'The ball-tracking model dropped frames under load.',
    'The pipeline deployed the reranker without testing it, because the eval step was optional.',
    'Mina merged the fix without a second approval, as the hotfix policy allows.',
    "Thanks to Theo's quick rollback, the leak lasted four minutes.",
    'The incident was declared by Mina at 03:12.',
    'Theo ran the replay, which confirmed the leak.',
    'Because Mina spotted the drift early, the outage lasted ten minutes.',
    "Mina's decision to pause the rollout limited the harm to one region.",
    'Who was paged first?',
    'Why did the detector miss the drift? Because the baseline was a week old.',
    'The next status update is on Theo.',
    'Theo disabled the browsing tool at 10:05, which stopped the exfiltration.',
    'The prompt was updated by Mina after review.',
    'Any engineer could have made the same change: the console had no confirmation step.',
    'The eval gate will block every release whose recall drops.',
    'Mina compared the canary against the baseline for an hour.',
    'Accountability for the retention gap sits with the governance process, which has no review step.',
    'Thanks to the search team, the rollback took four minutes.',
    'Theo never received the page: the rota pointed at last week’s phone.',
    'Great work by Mina on the rollback.',
    'The fix sat on the ticket queue for a week.',
    'This was not a human error: the form showed the old threshold.',
    'Nobody made a careless change here; the diff was empty.',
    'We decided not to name individuals and to study the approval flow instead.',
    "The search squad's analysis showed the index had missed two tenants.",
    'Theo ran the smoke tests, which passed because none covered the categories that regressed.',
    'Mina skipped the canary because the deploy tool has no canary for config changes.',
    'The on-call followed the runbook, which told responders to drain the wrong region.',
    '"Human error" is not an acceptable root cause here; name the missing control.',
    'The pipeline retried the upload and failed twice.',
    'Theo finally found the cause after tracing the tokenizer for an hour.',
    'The only region that saw the leak was the one behind the old gateway.',
    'This review is not looking for someone to hold accountable; the useful question is why the gate was silent.',
    'Theo is not the problem — the problem is that the console has no confirmation step.',
    "I don't think this is on Mina; the checklist had no refusal eval.",
    'To be clear, no individual or team is at fault here.',
    'Mina was never told about the policy change: nothing links the policy to the datasets.',
    "Theo's service key was never rotated automatically.",
    'It is hard to see how she would have known, since nothing recorded the change.',
    'The diff viewer compares the prompts line by line.',
    'The drift was detected by a person reading the dashboard, not by a monitor.',
    'The rate limiter was slowed by the burst of retries.',
    'The job did nothing for an hour because its queue was empty.',
  ])('does not flag %s', async (text) => {
    expect(await lintProse(text, { people })).toEqual([]);
  });

  it('gives offsets into the text, with line and column, sorted by start', async () => {
    const text = 'The model drifted.\nMina should have checked it.\n\nIt was obviously careless.';
    const findings = await lintProse(text, { people });
    expect(findings.map((f) => [f.rule, f.excerpt, f.line, f.column])).toEqual([
      ['counterfactual', 'should have checked', 2, 6],
      ['blame-word', 'obviously', 4, 8],
      ['blame-word', 'careless', 4, 18],
    ]);
    for (const finding of findings) expect(text.slice(finding.start, finding.end)).toBe(finding.excerpt);
    expect(isBlameful(findings)).toBe(true);
    expect(isBlameful(await lintProse('The model drifted.'))).toBe(false);
  });

  it('suggests a rewrite about the system', async () => {
    const [finding] = await lintProse('Dana should have checked the prompt before deploy.', { people: ['Dana Reyes'] });
    expect(finding?.suggestion).toContain("'The process did not require that the prompt be checked before deploy'");
    const [careless] = await lintProse('A careless edit removed the refusal section.');
    expect(careless?.suggestion).toContain("'An edit removed the refusal section.'");
  });

  it('only knows the people it is given, besides words for people', async () => {
    expect(await rules('Ravi broke the index.')).toEqual([]);
    expect(await rules('Someone broke the index.')).toEqual(['person-as-cause']);
    expect((await lintProse('Ravi broke the index.', { people: ['Ravi'] })).map((f) => f.rule)).toEqual([
      'person-as-cause',
    ]);
  });

  it('ignores what is quoted', async () => {
    expect(await lintProse('The ticket said “Dana broke it, obviously”.', { people: ['Dana'] })).toEqual([]);
  });

  it('never throws, and every finding points at its excerpt in order, whatever the text', async () => {
    const words = fc.constantFrom(
      'Dana',
      "Dana's",
      'should',
      'have',
      'been',
      'broke',
      'the',
      'model',
      'just',
      'careless',
      'remind',
      'failed',
      'to',
      'Had',
      'if',
      'only',
      'fault',
      ',',
      '.',
      '"',
      '“',
      '\n',
      '🤖',
      'é',
    );
    const texts = fc.oneof(
      fc.string(),
      fc.array(words, { maxLength: 30 }).map((list) => list.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const findings = await lintProse(text, { people: ['Dana Reyes'] });
        let previous = 0;
        for (const finding of findings) {
          expect(text.slice(finding.start, finding.end)).toBe(finding.excerpt);
          expect(finding.start).toBeGreaterThanOrEqual(previous);
          expect(finding.suggestion.length).toBeGreaterThan(0);
          previous = finding.start;
        }
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });
});

/** A system card with one control of each kind, for the controls tests. */
export const copilotCard = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt', version: '2025-04-14' },
  riskTier: 'limited',
  controls: [
    { id: 'auto-send', kind: 'kill_switch', description: 'Send answers without an agent' },
    { id: 'model', kind: 'route', target: 'model', versions: ['m-10', 'm-11', 'm-12'] },
    { id: 'rate', kind: 'throttle' },
    { id: 'review', kind: 'human_review', when: [{ flag: 'pii' }] },
    { id: 'filter', kind: 'output_filter' },
  ],
};

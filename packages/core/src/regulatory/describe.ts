/**
 * How the regulatory entries of a timeline read (fact_set, obligation_*): one line, the same in
 * the CLI, the war room and the postmortem's timeline, so a regulator reading any of them reads
 * the same words.
 */
export function describeRegulatoryEntry(
  kind: string,
  payload: Record<string, unknown>,
): { title: string; detail?: string } | undefined {
  const s = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : undefined);
  const minute = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '?');
  const obligation = () =>
    `${s('obligation') ?? '?'} ${s('regime') ?? ''} ${s('article') ?? ''}`.replace(/\s+/g, ' ').trim();
  switch (kind) {
    case 'fact_set': {
      const fact = (s('fact') ?? '?').replace(/_/g, ' ');
      const value = payload.value;
      const shown =
        value === undefined
          ? minute(s('at'))
          : Array.isArray(value)
            ? value.map(String).join(', ') || 'none'
            : typeof value === 'boolean'
              ? value
                ? 'yes'
                : 'no'
              : String(value);
      return {
        title: `Fact: ${fact} ${value === undefined ? 'at' : '='} ${shown}`,
        ...(s('reason') ? { detail: s('reason') } : {}),
      };
    }
    case 'obligation_opened':
      return {
        title: `Obligation opened: ${obligation()} (${s('stage') ?? '?'}) to ${s('recipient') ?? '?'}, due ${minute(s('due'))}`,
        detail: [
          s('title'),
          s('governedBy') ? `governed by ${s('governedBy')}` : undefined,
          s('applicability') === 'not_yet_applicable' ? 'not yet applicable' : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
      };
    case 'obligation_changed':
      return {
        title: `Obligation moved: ${obligation()} now due ${minute(s('due'))}`,
        ...(s('governedBy') ? { detail: `governed by ${s('governedBy')}` } : {}),
      };
    case 'obligation_lapsed':
      return { title: `Obligation lapsed: ${obligation()}`, ...(s('reason') ? { detail: s('reason') } : {}) };
    case 'obligation_decided': {
      const to = s('to');
      const verb = to === 'filed' ? 'filed' : to === 'not_required' ? 'not required' : 'pending again';
      const detail = [
        s('reference') ? `reference ${s('reference')}` : undefined,
        s('submittedAt') ? `submitted ${minute(s('submittedAt'))}` : undefined,
        s('reason'),
      ]
        .filter(Boolean)
        .join(' · ');
      return {
        title: `Obligation ${verb}: ${s('obligation') ?? '?'} ${s('rule') ?? ''} (${s('stage') ?? '?'})`.replace(
          /\s+\(/,
          ' (',
        ),
        ...(detail ? { detail } : {}),
      };
    }
    default:
      return undefined;
  }
}

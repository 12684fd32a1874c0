/** What a learning entry says: one line, and the detail under it. */
export interface LearningEntryText {
  title: string;
  detail?: string;
}

type Payload = Record<string, unknown>;

function str(payload: Payload, key: string): string | undefined {
  const value = payload[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function text(title: string, detail: string | undefined): LearningEntryText {
  return detail === undefined ? { title } : { title, detail };
}

/**
 * The learning half's timeline entries (issue 12): key moments, the cause identified, the
 * postmortem's drafting, edits and status, the close gate, and actions; undefined for any other kind.
 */
export function describeLearning(kind: string, p: Payload): LearningEntryText | undefined {
  const reason = str(p, 'reason');
  switch (kind) {
    case 'key_moment_marked':
      return text(`${p.key === false ? 'Unstarred' : 'Starred'} #${str(p, 'seq') ?? '?'} as a key moment`, reason);
    case 'cause_isolated':
      return text('Cause identified', str(p, 'cause'));
    case 'postmortem_drafted':
      return text('Postmortem drafted', str(p, 'template') ? `template ${str(p, 'template')}` : undefined);
    case 'postmortem_edited':
      return text(`Postmortem edited${str(p, 'section') ? `: ${str(p, 'section')}` : ''}`, reason);
    case 'postmortem_status_changed':
      return text(`Postmortem ${str(p, 'from') ?? '?'} → ${str(p, 'to') ?? '?'}`, reason);
    case 'residual_risk_accepted':
      return text(
        `Residual risk accepted by ${str(p, 'acceptedByName') ?? str(p, 'acceptedBy') ?? '?'}`,
        str(p, 'risk'),
      );
    case 'close_requirement_waived': {
      const waived = Array.isArray(p.waive) ? p.waive.join(' and ') : '?';
      return text(`Waived for closing: ${waived.replaceAll('_', ' ')}`, reason);
    }
    case 'action_added':
      return text(`Action ${str(p, 'id') ?? '?'} added`, str(p, 'title'));
    case 'action_updated':
      return text(`Action ${str(p, 'id') ?? '?'} updated`, reason);
    case 'action_verified':
      return text(
        `Action ${str(p, 'id') ?? '?'} verification ${p.passed === true ? 'passed' : 'failed'}`,
        str(p, 'summary'),
      );
    case 'action_closed':
      return text(`Action ${str(p, 'id') ?? '?'} closed`, reason);
    case 'action_reopened':
      return text(`Action ${str(p, 'id') ?? '?'} reopened`, reason);
    default:
      return undefined;
  }
}

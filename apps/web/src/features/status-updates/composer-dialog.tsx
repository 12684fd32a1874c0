import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { useIncidentChange } from '../../data/incidents';
import { useSystems } from '../../data/systems';
import { issueFor } from '../../lib/api-error';
import { fromUtcInput, toUtcInput } from '../../lib/time';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Modal } from '../../ui/modal';
import { internalTermsIn, placeholdersIn, previewUpdate, SECTION_LABELS } from './preview';
import {
  AUDIENCE_HINT,
  AUDIENCE_NAMES,
  type Audience,
  defaultNextUpdate,
  draftUpdate,
  reachOf,
  type UpdateFields,
} from './templates';
import { UpdatePreviewCard } from './update-preview';

const FIELDS: ReadonlyArray<keyof UpdateFields> = ['whatHappened', 'impact', 'currentStatus', 'nextSteps', 'asks'];

/** Writes a status update from the audience's template, beside a preview of what they will read. */
export function ComposerDialog({
  incident,
  open,
  onOpenChange,
}: {
  incident: IncidentDetail;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const systems = useSystems();
  const catalog = systems.data ?? [];
  const [audience, setAudience] = useState<Audience>('internal');
  const [nextUpdate, setNextUpdate] = useState(() => toUtcInput(defaultNextUpdate(incident.severity, new Date())));
  // One draft per audience, so switching back and forth keeps what was written.
  const [drafts, setDrafts] = useState<Partial<Record<Audience, UpdateFields>>>({});
  // The next update is due a severity's cadence from when the composer opens, not from page load.
  useEffect(() => {
    if (open) setNextUpdate(toUtcInput(defaultNextUpdate(incident.severity, new Date())));
  }, [open, incident.severity]);
  const nextUpdateAt = fromUtcInput(nextUpdate);
  const fields = drafts[audience] ?? draftUpdate(audience, { incident, catalog, nextUpdateAt });
  const post = useIncidentChange(
    incident.id,
    (client, body: UpdateFields & { audience: Audience; nextUpdateAt?: string }) =>
      client.postStatusUpdate(incident.id, { ...body, asks: body.asks.trim() || undefined }),
  );
  const placeholders = placeholdersIn(fields);
  const internal = audience === 'customer' ? internalTermsIn(fields, incident) : [];
  const preview = previewUpdate({
    audience,
    fields,
    incident,
    systemNames: reachOf(incident.systems, catalog).names,
    nextUpdateAt,
  });

  const edit = (key: keyof UpdateFields, value: string) =>
    setDrafts({ ...drafts, [audience]: { ...fields, [key]: value } });
  const resetTemplate = () => setDrafts({ ...drafts, [audience]: undefined });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate(
      { audience, ...fields, ...(nextUpdateAt ? { nextUpdateAt } : {}) },
      {
        onSuccess: () => {
          setDrafts({ ...drafts, [audience]: undefined });
          onOpenChange(false);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      variant="wide"
      title={`Post a status update on ${incident.id}`}
      description="Start from the audience's template; what the data cannot say is in [brackets]."
    >
      <div className="composer">
        <form className="form composer-form" onSubmit={submit}>
          <fieldset className="segmented">
            <legend>Audience</legend>
            {AUDIENCE_NAMES.map((name) => (
              <label key={name} className={`segment ${audience === name ? 'segment-selected' : ''}`}>
                <input
                  type="radio"
                  name="audience"
                  value={name}
                  checked={audience === name}
                  onChange={() => setAudience(name)}
                />{' '}
                {name}
              </label>
            ))}
          </fieldset>
          <p className="small muted">{AUDIENCE_HINT[audience]}</p>
          {FIELDS.map((key) => (
            <Field
              key={`${audience}-${key}`}
              label={SECTION_LABELS[audience][key]}
              optional={key === 'asks'}
              error={issueFor(post.error, key)}
            >
              {(props) => (
                <textarea
                  {...props}
                  rows={key === 'whatHappened' || key === 'impact' ? 3 : 2}
                  value={fields[key]}
                  onChange={(e) => edit(key, e.target.value)}
                  required={key !== 'asks'}
                />
              )}
            </Field>
          ))}
          <Field label="Next update by (UTC)" optional error={issueFor(post.error, 'nextUpdateAt')}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={nextUpdate}
                onChange={(e) => setNextUpdate(e.target.value)}
              />
            )}
          </Field>
          {placeholders.length > 0 ? (
            <p className="warning small" role="status">
              Fill in or remove before posting: {placeholders.join(' ')}
            </p>
          ) : null}
          {internal.length > 0 ? (
            <p className="warning small" role="status">
              Customers will read internal terms: {internal.join(', ')}
            </p>
          ) : null}
          <ErrorMessage error={post.error} title="Not posted." />
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={post.isPending || placeholders.length > 0}
            >
              {post.isPending ? 'Posting…' : `Post ${audience} update`}
            </button>
            <button type="button" className="button button-ghost" onClick={resetTemplate} disabled={!drafts[audience]}>
              Reset to template
            </button>
          </div>
        </form>
        <UpdatePreviewCard preview={preview} audience={audience} />
      </div>
    </Modal>
  );
}

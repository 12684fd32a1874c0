import type { Evidence } from '@firebreak/contract';
import type { FirebreakClient, IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { readAsBase64 } from '../../data/evidence';
import { useIncidentChange } from '../../data/incidents';
import { issueFor } from '../../lib/api-error';
import { formatBytes, words } from '../../lib/labels';
import { fromUtcInput } from '../../lib/time';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Modal } from '../../ui/modal';

type EvidenceInput = Parameters<FirebreakClient['addEvidence']>[1];
type Source = 'text' | 'file' | 'link';

// The contract's list, restated so the UI does not bundle zod; `satisfies` keeps the two in step.
const KINDS = {
  model_output: true,
  prompt: true,
  telemetry_sample: true,
  log: true,
  metric: true,
  screenshot: true,
  config: true,
  report: true,
  document: true,
  other: true,
} satisfies Record<Evidence['kind'], true>;
const EVIDENCE_KINDS = Object.keys(KINDS) as Array<Evidence['kind']>;
const FILE_LIMIT = 12 * 1024 * 1024;
const EMPTY = {
  kind: 'model_output',
  title: '',
  description: '',
  modelVersion: '',
  promptVersion: '',
  windowStart: '',
  windowEnd: '',
  text: '',
  mediaType: '',
  uri: '',
  sha256: '',
};

/** Adds evidence: pasted text, an uploaded file (sent as base64), or a link with its digest. */
export function EvidenceDialog({
  incident,
  open,
  onOpenChange,
}: {
  incident: IncidentDetail;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const [draft, setDraft] = useState(EMPTY);
  const [source, setSource] = useState<Source>('text');
  const [file, setFile] = useState<File>();
  const add = useIncidentChange(incident.id, (client, body: EvidenceInput) => client.addEvidence(incident.id, body));
  const set = (patch: Partial<typeof EMPTY>) => setDraft({ ...draft, ...patch });
  const error = add.error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => value.trim() || undefined;
    const body: EvidenceInput = {
      kind: draft.kind as EvidenceInput['kind'],
      title: draft.title.trim(),
      description: optional(draft.description),
      modelVersion: optional(draft.modelVersion),
      promptVersion: optional(draft.promptVersion),
      windowStart: fromUtcInput(draft.windowStart),
      windowEnd: fromUtcInput(draft.windowEnd),
    };
    if (source === 'text')
      Object.assign(body, {
        content: draft.text,
        contentEncoding: 'utf8',
        mediaType: optional(draft.mediaType) ?? 'text/plain',
      });
    if (source === 'file' && file)
      Object.assign(body, {
        content: await readAsBase64(file),
        contentEncoding: 'base64',
        mediaType: optional(draft.mediaType) ?? (file.type || 'application/octet-stream'),
      });
    if (source === 'link')
      Object.assign(body, {
        uri: draft.uri.trim(),
        sha256: draft.sha256.trim().toLowerCase(),
        mediaType: optional(draft.mediaType),
      });
    add.mutate(body, {
      onSuccess: () => {
        setDraft(EMPTY);
        setFile(undefined);
        onOpenChange(false);
      },
    });
  };

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      variant="wide"
      title={`Add evidence to ${incident.id}`}
      description="The server stores the content by its SHA-256 and records the addition on the timeline."
    >
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="form-row">
          <Field label="Kind" error={issueFor(error, 'kind')}>
            {(props) => (
              <select {...props} value={draft.kind} onChange={(e) => set({ kind: e.target.value })}>
                {EVIDENCE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {words(kind)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Title" error={issueFor(error, 'title')} className="grow">
            {(props) => (
              <input {...props} value={draft.title} onChange={(e) => set({ title: e.target.value })} required />
            )}
          </Field>
        </div>
        <Field label="Description" optional error={issueFor(error, 'description')}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={draft.description}
              onChange={(e) => set({ description: e.target.value })}
            />
          )}
        </Field>
        <div className="form-row">
          <Field label="Model version" optional error={issueFor(error, 'modelVersion')}>
            {(props) => (
              <input {...props} value={draft.modelVersion} onChange={(e) => set({ modelVersion: e.target.value })} />
            )}
          </Field>
          <Field label="Prompt version" optional error={issueFor(error, 'promptVersion')}>
            {(props) => (
              <input {...props} value={draft.promptVersion} onChange={(e) => set({ promptVersion: e.target.value })} />
            )}
          </Field>
          <Field label="Window start (UTC)" optional error={issueFor(error, 'windowStart')}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={draft.windowStart}
                onChange={(e) => set({ windowStart: e.target.value })}
              />
            )}
          </Field>
          <Field label="Window end (UTC)" optional error={issueFor(error, 'windowEnd')}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={draft.windowEnd}
                onChange={(e) => set({ windowEnd: e.target.value })}
              />
            )}
          </Field>
        </div>
        <fieldset className="segmented">
          <legend>Content</legend>
          {(['text', 'file', 'link'] as const).map((value) => (
            <label key={value} className="check">
              <input type="radio" name="evidence-source" checked={source === value} onChange={() => setSource(value)} />{' '}
              {value === 'text' ? 'Paste text' : value === 'file' ? 'Upload a file' : 'Link to where it is kept'}
            </label>
          ))}
        </fieldset>
        {source === 'text' ? (
          <Field
            label="Text"
            hint="Outputs, prompts, log lines: pasted as they are."
            error={issueFor(error, 'content')}
          >
            {(props) => (
              <textarea
                {...props}
                rows={6}
                className="mono"
                value={draft.text}
                onChange={(e) => set({ text: e.target.value })}
                required
              />
            )}
          </Field>
        ) : null}
        {source === 'file' ? (
          <Field
            label="File"
            hint={file ? `${file.name}, ${formatBytes(file.size)}` : 'Up to 12 MB.'}
            error={
              file && file.size > FILE_LIMIT
                ? 'larger than 12 MB; keep it elsewhere and link it'
                : issueFor(error, 'content')
            }
          >
            {(props) => <input {...props} type="file" onChange={(e) => setFile(e.target.files?.[0])} required />}
          </Field>
        ) : null}
        {source === 'link' ? (
          <div className="form-row">
            <Field label="URI" className="grow" error={issueFor(error, 'uri')}>
              {(props) => (
                <input
                  {...props}
                  type="url"
                  value={draft.uri}
                  onChange={(e) => set({ uri: e.target.value })}
                  required
                  placeholder="https://…"
                />
              )}
            </Field>
            <Field
              label="SHA-256"
              hint="Of the content, so it can be shown untampered."
              className="grow"
              error={issueFor(error, 'sha256')}
            >
              {(props) => (
                <input
                  {...props}
                  className="mono"
                  value={draft.sha256}
                  onChange={(e) => set({ sha256: e.target.value })}
                  required
                  pattern="[0-9a-fA-F]{64}"
                />
              )}
            </Field>
          </div>
        ) : null}
        <Field
          label="Media type"
          optional
          hint="Defaults to text/plain for text, or the file's own type."
          error={issueFor(error, 'mediaType')}
        >
          {(props) => (
            <input
              {...props}
              value={draft.mediaType}
              onChange={(e) => set({ mediaType: e.target.value })}
              placeholder="application/x-ndjson"
            />
          )}
        </Field>
        <ErrorMessage error={error} title="Not added." />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={add.isPending || (source === 'file' && (!file || file.size > FILE_LIMIT))}
          >
            {add.isPending ? 'Adding…' : 'Add evidence'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

import type { Postmortem, PostmortemSection } from '@firebreak/contract';
import { FirebreakApiError } from '@firebreak/sdk';
import { useState } from 'react';
import { type SectionEdit, useEditSection, useRegenerateSection, useReloadPostmortem } from '../../data/learning';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';
import { FactorMatrix } from './factor-matrix';
import { ImpactEditor } from './impact-editor';
import { FindingList } from './live-lint';
import { MarkdownView } from './markdown-view';
import { MomentsList } from './moments-list';
import { findingsAt } from './postmortem-text';
import { ProseEditor } from './prose-editor';
import type { SectionEditorProps } from './section-editor';
import { WhysEditor } from './whys-editor';

function isConflict(error: unknown): boolean {
  return error instanceof FirebreakApiError && error.status === 409;
}

/**
 * One section of the postmortem, editable on its own: it saves with the version it was read at,
 * and when someone else saved in between (409) says so and reloads theirs, keeping what was typed.
 */
export function SectionCard({
  postmortem,
  section,
  canEdit,
}: {
  postmortem: Postmortem;
  section: PostmortemSection;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const edit = useEditSection(postmortem.incidentId);
  const regenerate = useRegenerateSection(postmortem.incidentId);
  const reload = useReloadPostmortem(postmortem.incidentId);
  const save = (changes: SectionEdit) =>
    edit.mutate(
      { section: section.id, edit: { ...changes, version: postmortem.version } },
      {
        onSuccess: () => setEditing(false),
        onError: (error) => {
          if (isConflict(error)) void reload();
        },
      },
    );
  const props: SectionEditorProps = {
    section,
    incidentId: postmortem.incidentId,
    editing,
    saving: edit.isPending,
    save,
    cancel: () => {
      edit.reset();
      setEditing(false);
    },
  };
  const stored = findingsAt(postmortem.lint, `sections.${section.id}`);
  const headingId = `section-${section.id}`;
  return (
    <section className="panel pm-section" aria-labelledby={headingId} data-section={section.id}>
      <div className="panel-heading">
        <h3 id={headingId}>{section.title}</h3>
        <span className="muted small">
          {section.generated ? (
            'drafted by Firebreak'
          ) : (
            <>
              edited by {section.editedBy ?? '?'} <TimeText iso={section.editedAt} variant="short" />
            </>
          )}
        </span>
        {canEdit ? (
          <span className="pm-section-buttons">
            {!editing && section.id !== 'timeline' ? (
              <button type="button" className="button button-small" onClick={() => setEditing(true)}>
                Edit <span className="visually-hidden">{section.title}</span>
              </button>
            ) : null}
            <button
              type="button"
              className="button button-ghost button-small"
              disabled={regenerate.isPending}
              title="Draft this section again from the incident's data (replaces what it says)"
              onClick={() => regenerate.mutate(section.id)}
            >
              {regenerate.isPending ? 'Regenerating…' : 'Regenerate from incident'}
              <span className="visually-hidden"> ({section.title})</span>
            </button>
          </span>
        ) : null}
      </div>
      {isConflict(edit.error) ? (
        <div className="warning" role="alert">
          Someone else edited this postmortem since you opened it. Their version is loaded; what you typed is still in
          the editor: check it against theirs and save again.
        </div>
      ) : (
        <ErrorMessage error={edit.error} title="Not saved." />
      )}
      <ErrorMessage error={regenerate.error} title="Not regenerated." />
      <SectionBody {...props} />
      {stored.length > 0 && !editing ? <FindingList findings={stored} /> : null}
    </section>
  );
}

function SectionBody(props: SectionEditorProps) {
  switch (props.section.id) {
    case 'impact':
      return <ImpactEditor {...props} />;
    case 'factors':
      return <FactorMatrix {...props} />;
    case 'whys':
      return <WhysEditor {...props} />;
    case 'timeline':
      return <MomentsList section={props.section} incidentId={props.incidentId} />;
    default:
      return props.editing ? <ProseEditor {...props} /> : <MarkdownView markdown={props.section.body} />;
  }
}

import type { Evidence } from '@firebreak/contract';
import { useEffect, useMemo } from 'react';
import { useEvidenceContent } from '../../data/evidence';
import { formatBytes } from '../../lib/labels';
import { ErrorMessage } from '../../ui/error-message';
import { Modal } from '../../ui/modal';
import { Loading } from '../../ui/states';

/** Shows evidence content fetched with the token: readable text in place, anything else to download. */
export function EvidenceViewer({
  incidentId,
  evidence,
  onClose,
}: {
  incidentId: string;
  evidence: Evidence;
  onClose(): void;
}) {
  const content = useEvidenceContent(incidentId, evidence.id);
  const url = useMemo(() => (content.data ? URL.createObjectURL(content.data.blob) : undefined), [content.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const data = content.data;
  const verified = data?.computed === undefined ? undefined : data.computed === evidence.sha256;

  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      variant="wide"
      title={`${evidence.id}: ${evidence.title}`}
      description={`${evidence.mediaType ?? 'unknown type'} · ${formatBytes(evidence.size)} · SHA-256 ${evidence.sha256}`}
    >
      {content.isPending ? <Loading what="the content" /> : null}
      <ErrorMessage error={content.error} title="Cannot fetch the content." />
      {data ? (
        <>
          <p className={verified === false ? 'verdict verdict-bad' : 'verdict verdict-ok'} role="status">
            {verified === undefined
              ? 'This browser cannot check the digest here (not a secure context).'
              : verified
                ? '✓ Content matches its SHA-256.'
                : '✗ Content does not match its recorded SHA-256.'}
          </p>
          {data.text !== undefined ? (
            <pre className="evidence-text">{data.text}</pre>
          ) : (
            <p>Not shown in place ({data.mediaType}).</p>
          )}
          {url ? (
            <a className="button" href={url} download={`${incidentId}-${evidence.id}`}>
              Download
            </a>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}

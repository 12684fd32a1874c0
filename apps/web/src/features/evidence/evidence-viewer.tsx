import type { Evidence } from '@firebreak/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { fetchEvidenceContent, isReadable, sha256Hex } from '../../data/evidence';
import { useSession } from '../../data/session';
import { formatBytes } from '../../lib/labels';
import { ErrorMessage } from '../../ui/error-message';
import { Modal } from '../../ui/modal';
import { Loading } from '../../ui/states';

const INLINE_LIMIT = 512 * 1024;

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
  const { client, token } = useSession();
  const content = useQuery({
    queryKey: ['evidence-content', incidentId, evidence.id],
    queryFn: async () => {
      const fetched = await fetchEvidenceContent(client, token, incidentId, evidence.id);
      const readable = isReadable(fetched.mediaType) && fetched.blob.size <= INLINE_LIMIT;
      return {
        ...fetched,
        text: readable ? await fetched.blob.text() : undefined,
        computed: await sha256Hex(fetched.blob),
      };
    },
    staleTime: Infinity,
  });
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

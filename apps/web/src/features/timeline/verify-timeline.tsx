import type { TimelineVerification } from '@firebreak/contract';
import { useVerifyTimeline } from '../../data/timeline';
import { ErrorMessage } from '../../ui/error-message';

/** Checks the hash chain on the server and says whether it is intact, or where it first breaks. */
export function VerifyTimeline({ incidentId }: { incidentId: string }) {
  const verify = useVerifyTimeline(incidentId);
  return (
    <div className="verify">
      <button type="button" className="button button-small" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify chain'}
      </button>
      {verify.data ? <Verdict result={verify.data} /> : null}
      <ErrorMessage error={verify.error} title="Cannot verify." />
    </div>
  );
}

function Verdict({ result }: { result: TimelineVerification }) {
  if (result.intact) {
    return (
      <span className="verdict verdict-ok" role="status" title={`head ${result.headHash}`}>
        ✓ Intact: {result.entries} entries, head {result.headHash.slice(0, 12)}
      </span>
    );
  }
  return (
    <span className="verdict verdict-bad" role="alert">
      ✗ Broken at entry {result.firstBreak?.seq ?? '?'}: {result.firstBreak?.reason ?? 'unknown reason'}
    </span>
  );
}

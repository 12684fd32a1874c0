/** The runbook of a monitor or alert, opening in a new tab; says so when there is none. */
export function RunbookLink({ href, of }: { href: string | null | undefined; of: string }) {
  return href ? (
    <a href={href} target="_blank" rel="noreferrer noopener">
      runbook<span className="visually-hidden"> for {of} (opens in a new tab)</span>
    </a>
  ) : (
    <span className="muted">no runbook</span>
  );
}

import type { ReactNode } from 'react';

/** Shown while data loads: says what is coming, and tells assistive tech it is busy. */
export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

/** An empty list that teaches what would be here and how to get it there. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

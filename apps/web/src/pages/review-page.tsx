import type { ReviewItem } from '@firebreak/contract';
import type { ReviewOutcome } from '@firebreak/core';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { REVIEW_LIMIT, useReviewList, useReviewStats } from '../data/review';
import { useSession } from '../data/session';
import { useSystems } from '../data/systems';
import { DecisionDialog } from '../features/review/decision-dialog';
import { ReviewCard } from '../features/review/review-card';
import { QueueForecast, StatsLine } from '../features/review/review-counts';
import { ReviewEmpty } from '../features/review/review-empty';
import {
  REVIEW_STATUSES,
  type ReviewFilter,
  readReviewFilter,
  writeReviewFilter,
} from '../features/review/review-text';
import { ErrorMessage } from '../ui/error-message';
import { Segmented } from '../ui/segmented';
import { Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

const STATUS_HINT: Record<string, string> = {
  pending: 'waiting for a reviewer, oldest first',
  escalated: 'handed on; waiting for a final answer',
  approved: 'sent as the app wrote it',
  edited: 'sent as a reviewer rewrote it',
  refused: 'replaced with a standard refusal',
};

/** The review queue: what human-review controls held back, oldest first, and a decision on each. */
export function ReviewPage() {
  useTitle('Review queue');
  const { canWrite } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => readReviewFilter(params), [params]);
  const set = (next: ReviewFilter) => setParams(writeReviewFilter(next), { replace: true });
  const systems = useSystems();
  const items = useReviewList(filter);
  const stats = useReviewStats({
    ...(filter.system ? { system: filter.system } : {}),
    ...(filter.incident ? { incident: filter.incident } : {}),
  });
  const [deciding, setDeciding] = useState<{ item: ReviewItem; outcome: ReviewOutcome | undefined }>();
  const [incidentText, setIncidentText] = useState(filter.incident ?? '');
  useEffect(() => setIncidentText(filter.incident ?? ''), [filter.incident]);
  const list = items.data ?? [];

  const typeIncident = (text: string) => {
    setIncidentText(text);
    const next = text.trim().toUpperCase();
    if (next === '') set({ ...filter, incident: undefined });
    else if (/^INC-[1-9][0-9]*$/.test(next)) set({ ...filter, incident: next });
  };

  return (
    <div className="page review-page">
      <div className="page-heading">
        <h1>Review queue</h1>
        {stats.data ? <StatsLine stats={stats.data} /> : null}
      </div>
      {stats.data ? <QueueForecast stats={stats.data} /> : null}
      <div className="filters">
        <Segmented
          legend="Status"
          name="review-status"
          options={REVIEW_STATUSES}
          value={filter.status}
          hints={STATUS_HINT}
          onChange={(status) => set({ ...filter, status })}
        />
        <div className="field-inline">
          <label htmlFor="review-system">System</label>
          <select
            id="review-system"
            value={filter.system ?? ''}
            onChange={(e) => set({ ...filter, system: e.target.value || undefined })}
          >
            <option value="">all systems</option>
            {(systems.data ?? []).map((system) => (
              <option key={system.id} value={system.id}>
                {system.name} ({system.id})
              </option>
            ))}
            {filter.system && !systems.data?.some((system) => system.id === filter.system) ? (
              <option value={filter.system}>{filter.system}</option>
            ) : null}
          </select>
        </div>
        <div className="field-inline">
          <label htmlFor="review-incident">Incident</label>
          <input
            id="review-incident"
            value={incidentText}
            onChange={(e) => typeIncident(e.target.value)}
            placeholder="INC-2"
            size={10}
          />
        </div>
        <span className="muted small">{STATUS_HINT[filter.status]}</span>
      </div>
      {items.isPending ? <Loading what="the review queue" /> : null}
      <ErrorMessage error={items.error} title="Cannot load the review queue." />
      <ErrorMessage error={stats.error} title="Cannot load the review counts." />
      {items.data && list.length === 0 ? <ReviewEmpty filter={filter} /> : null}
      {list.length > 0 ? (
        <ul className="review-list" aria-label={`${filter.status} review items`}>
          {list.map((item) => (
            <ReviewCard
              key={item.id}
              item={item}
              canWrite={canWrite}
              onDecide={(outcome) => setDeciding({ item, outcome })}
            />
          ))}
        </ul>
      ) : null}
      {list.length >= REVIEW_LIMIT ? (
        <p className="muted small">Showing {REVIEW_LIMIT}; narrow by system or incident to see the rest.</p>
      ) : null}
      {deciding ? (
        <DecisionDialog
          item={deciding.item}
          outcome={deciding.outcome}
          onClose={() => setDeciding({ item: deciding.item, outcome: undefined })}
        />
      ) : null}
    </div>
  );
}

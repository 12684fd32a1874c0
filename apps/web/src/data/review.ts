import type { ReviewDecisionRequest, ReviewItem } from '@firebreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/**
 * Items arrive from apps, not from people on this page, and the live feed does not carry them,
 * so the queue and its counts are re-read every fifteen seconds while shown.
 */
const POLL_MS = 15_000;
const LIMIT = 200;

/** What the queue is narrowed to: a status, a system, an incident. */
export interface ReviewQuery {
  status?: ReviewItem['status'];
  system?: string;
  incident?: string;
}

/** The queue: pending items oldest first, decided ones newest first. */
export function useReviewList(filter: ReviewQuery) {
  const { client } = useSession();
  const query = { ...filter, limit: LIMIT };
  return useQuery({
    queryKey: keys.reviewList(query),
    queryFn: () => client.listReview(query).then((body) => body.items),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

/** Counts by outcome, for a system, an incident, or everything. */
export function useReviewStats(scope: { system?: string; incident?: string }) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.reviewStats(scope),
    queryFn: () => client.reviewStats(scope),
    refetchInterval: POLL_MS,
  });
}

/** Approves, edits, refuses or escalates an item; the queue, the counts and the header's count are re-read. */
export function useReviewDecision() {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: ReviewDecisionRequest }): Promise<ReviewItem> =>
      client.decideReview(input.id, input.body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.review() }),
  });
}

export const REVIEW_LIMIT = LIMIT;

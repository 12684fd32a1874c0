import type {
  CloseCheck,
  DraftPostmortemRequest,
  EditSectionRequest,
  Incident,
  IsolatedRequest,
  LintResult,
  Postmortem,
  RelatedIncidents,
  ResidualRiskRequest,
} from '@firebreak/contract';
import type { PostmortemSectionId, PostmortemStatus } from '@firebreak/core';
import { FirebreakApiError, type FirebreakClient } from '@firebreak/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebounced } from '../lib/use-debounced';
import { fetchFile } from './fetch-file';
import { keys } from './keys';
import { useSession } from './session';

// The learning half of an incident (issue 12): its postmortem, what closing it needs, and the
// earlier incidents like it. The SDK has no typed methods for these yet, so they go through its
// `request`, which speaks the same errors.

const enc = encodeURIComponent;
const base = (id: string) => `/api/v1/incidents/${enc(id)}`;

/**
 * The incident's postmortem, or null while none is drafted (the API answers 404). Ask the close
 * check first whether one exists (`usePostmortemState`): a 404 logs an error in the browser.
 */
export function usePostmortem(id: string, enabled = true) {
  const { client } = useSession();
  return useQuery({
    enabled,
    queryKey: keys.postmortem(id),
    queryFn: async () => {
      try {
        return await client.request<Postmortem>('GET', `${base(id)}/postmortem`);
      } catch (error) {
        if (error instanceof FirebreakApiError && error.status === 404 && error.code === 'not_found') return null;
        throw error;
      }
    },
  });
}

/**
 * A change to the postmortem: its answer replaces the cached one, and the incident (whose
 * timeline records the change, and whose close check depends on it) is re-read.
 */
function usePostmortemChange<In>(id: string, run: (client: FirebreakClient, input: In) => Promise<Postmortem>) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: (postmortem) => {
      queryClient.setQueryData(keys.postmortem(id), postmortem);
      // The close check says a postmortem exists (and in which status) at once; re-read below.
      queryClient.setQueryData<CloseCheck>(keys.closeCheck(id), (check) =>
        check ? { ...check, postmortem: postmortem.status } : check,
      );
      void queryClient.invalidateQueries({ queryKey: keys.timeline(id) });
      void queryClient.invalidateQueries({ queryKey: keys.closeCheck(id) });
      void queryClient.invalidateQueries({ queryKey: keys.incident(id), exact: true });
    },
  });
}

export function useDraftPostmortem(id: string) {
  return usePostmortemChange(id, (client, input: DraftPostmortemRequest) =>
    client.request<Postmortem>('POST', `${base(id)}/postmortem`, input),
  );
}

export function useEditPostmortem(id: string) {
  return usePostmortemChange(id, (client, input: { owner?: string; dueAt?: string; version?: number }) =>
    client.request<Postmortem>('PATCH', `${base(id)}/postmortem`, input),
  );
}

export type SectionEdit = Partial<EditSectionRequest>;

/** Saves one section; a stale `version` answers 409 (someone else edited it). */
export function useEditSection(id: string) {
  return usePostmortemChange(id, (client, input: { section: PostmortemSectionId; edit: SectionEdit }) =>
    client.request<Postmortem>('PUT', `${base(id)}/postmortem/sections/${enc(input.section)}`, input.edit),
  );
}

export function useRegenerateSection(id: string) {
  return usePostmortemChange(id, (client, section: PostmortemSectionId) =>
    client.request<Postmortem>('POST', `${base(id)}/postmortem/sections/${enc(section)}/regenerate`, {}),
  );
}

export interface PostmortemMove {
  status: PostmortemStatus;
  reason?: string;
  acceptFindings?: boolean;
}

export function useMovePostmortem(id: string) {
  return usePostmortemChange(id, (client, input: PostmortemMove) =>
    client.request<Postmortem>('POST', `${base(id)}/postmortem/status`, input),
  );
}

/** Re-reads the postmortem after a conflict, so the editor shows what the other person saved. */
export function useReloadPostmortem(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.postmortem(id) });
}

/** The blameless lint of any text; the incident's people count as people. */
export function lintText(client: FirebreakClient, text: string, incident: string): Promise<LintResult> {
  return client.request<LintResult>('POST', '/api/v1/postmortems/lint', { text, incident });
}

/** How long typing pauses before the text is linted. */
export const LINT_DEBOUNCE_MS = 400;

/**
 * The blameless lint of text being typed, asked of the server once typing pauses for
 * LINT_DEBOUNCE_MS. The findings are about `text` (what was linted, a moment behind what is typed).
 */
export function useLiveLint(typed: string, incidentId: string) {
  const { client } = useSession();
  const settled = useDebounced(typed, LINT_DEBOUNCE_MS);
  const lint = useQuery({
    queryKey: ['lint', incidentId, settled] as const,
    queryFn: () => lintText(client, settled, incidentId),
    enabled: settled.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const current = settled.trim().length > 0 && lint.data !== undefined && !lint.isPlaceholderData;
  return {
    text: settled,
    findings: current ? (lint.data?.findings ?? []) : [],
    checking: typed !== settled || lint.isFetching,
    error: lint.error,
  };
}

export type ExportFormat = 'markdown' | 'html' | 'pdf';

/** The path of the postmortem's export (the token goes in a header, so it is fetched, not linked). */
export function exportPath(id: string, format: ExportFormat, timeline: 'key' | 'all' = 'key'): string {
  return `${base(id)}/postmortem/export?format=${format}&timeline=${timeline}`;
}

/** The export as a blob, with the server's error (501 for a PDF without a renderer) as an API error. */
export async function fetchExport(
  client: FirebreakClient,
  token: string,
  id: string,
  format: ExportFormat,
  timeline: 'key' | 'all' = 'key',
): Promise<Blob> {
  return (
    await fetchFile(client, token, exportPath(id, format, timeline), `exporting the postmortem of ${id} as ${format}`)
  ).blob();
}

/** The exported Markdown, for the preview (rendered by the page, not framed). */
export function useExportMarkdown(id: string, enabled: boolean, timeline: 'key' | 'all') {
  const { client, token } = useSession();
  return useQuery({
    queryKey: [...keys.postmortem(id), 'export', timeline] as const,
    queryFn: async () => (await fetchExport(client, token, id, 'markdown', timeline)).text(),
    enabled,
    staleTime: 0,
  });
}

/** What closing the incident still needs. */
export function useCloseCheck(id: string, enabled = true) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.closeCheck(id),
    queryFn: () => client.request<CloseCheck>('GET', `${base(id)}/close-check`),
    enabled,
  });
}

/**
 * Whether the incident has a postmortem and, when it has, the postmortem: the close check says
 * which status it is in (null for none) without the 404 a missing postmortem answers.
 */
export function usePostmortemState(id: string) {
  const check = useCloseCheck(id);
  const exists = check.data !== undefined && check.data.postmortem !== null;
  const postmortem = usePostmortem(id, exists);
  return {
    isPending: check.isPending || (exists && postmortem.isPending),
    error: check.error ?? postmortem.error,
    /** null while none is drafted. */
    data: check.data === undefined ? undefined : exists ? postmortem.data : null,
  };
}

function useCloseCheckChange<In>(id: string, run: (client: FirebreakClient, input: In) => Promise<CloseCheck>) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: (check) => {
      queryClient.setQueryData(keys.closeCheck(id), check);
      void queryClient.invalidateQueries({ queryKey: keys.timeline(id) });
    },
  });
}

export function useAcceptResidualRisk(id: string) {
  return useCloseCheckChange(id, (client, input: Omit<ResidualRiskRequest, 'reason'> & { reason?: string }) =>
    client.request<CloseCheck>('POST', `${base(id)}/residual-risk`, input),
  );
}

export function useWaiveClose(id: string) {
  return useCloseCheckChange(id, (client, input: { waive: ('postmortem' | 'residual_risk')[]; reason: string }) =>
    client.request<CloseCheck>('POST', `${base(id)}/close-waiver`, input),
  );
}

/** Earlier incidents on the same system sharing the type or a factor category. */
export function useRelatedIncidents(id: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.related(id),
    queryFn: () => client.request<RelatedIncidents>('GET', `${base(id)}/related`),
    staleTime: 60_000,
  });
}

/** Stars (or unstars) a timeline entry; the timeline is re-read, since the entry itself changed. */
export function useStarEntry(id: string) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { seq: number; key: boolean }) =>
      client.request<{ incidentId: string; seq: number; key: boolean }>(
        'POST',
        `${base(id)}/timeline/${input.seq}/key`,
        {
          key: input.key,
        },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.timeline(id) });
      void queryClient.invalidateQueries({ queryKey: keys.postmortem(id) });
    },
  });
}

/** The tech lead marks the cause identified. */
export function markIsolated(client: FirebreakClient, id: string, input: IsolatedRequest): Promise<Incident> {
  return client.request<Incident>('POST', `${base(id)}/isolated`, input);
}

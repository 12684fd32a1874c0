import type { FirebreakClient } from '@firebreak/sdk';
import { useQuery } from '@tanstack/react-query';
import { fetchFile } from './fetch-file';
import { keys } from './keys';
import { useSession } from './session';

/** Content up to this size that reads as text is shown in place; anything else is offered as a download. */
const INLINE_LIMIT = 512 * 1024;

export interface EvidenceContent {
  blob: Blob;
  mediaType: string;
  /** The digest the server sent with the bytes (x-content-sha256). */
  sha256: string | undefined;
}

/**
 * Fetches evidence bytes with the token in a header, which a plain link cannot carry. The SDK's
 * client only speaks JSON, so this is the one call made beside it (see the web README).
 */
export async function fetchEvidenceContent(
  client: FirebreakClient,
  token: string,
  incidentId: string,
  evidenceId: string,
): Promise<EvidenceContent> {
  const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}/evidence/${encodeURIComponent(evidenceId)}/content`;
  const response = await fetchFile(client, token, path, `fetching ${evidenceId}`);
  // The server sends the bytes as a download; the uploader's media type comes beside them.
  const mediaType =
    response.headers.get('x-evidence-media-type') ?? response.headers.get('content-type') ?? 'application/octet-stream';
  return { blob: await response.blob(), mediaType, sha256: response.headers.get('x-content-sha256') ?? undefined };
}

/** SHA-256 of bytes as hex, where the browser can compute it (secure contexts only). */
export async function sha256Hex(blob: Blob): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Whether a media type is text a person can read in place. */
export function isReadable(mediaType: string): boolean {
  return /^text\/|[/+](json|x-ndjson|ndjson|jsonl|xml|yaml|csv)\b|^application\/x-yaml/.test(mediaType);
}

/**
 * Reads a file as base64, for evidence uploads (the API takes JSON).
 */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/**
 * One piece of evidence's bytes, with its text when it reads in place and the SHA-256 this
 * browser computed (to compare with the recorded one). Evidence never changes, so it is read once.
 */
export function useEvidenceContent(incidentId: string, evidenceId: string) {
  const { client, token } = useSession();
  return useQuery({
    queryKey: keys.evidenceContent(incidentId, evidenceId),
    queryFn: async () => {
      const fetched = await fetchEvidenceContent(client, token, incidentId, evidenceId);
      const readable = isReadable(fetched.mediaType) && fetched.blob.size <= INLINE_LIMIT;
      return {
        ...fetched,
        text: readable ? await fetched.blob.text() : undefined,
        computed: await sha256Hex(fetched.blob),
      };
    },
    staleTime: Infinity,
  });
}

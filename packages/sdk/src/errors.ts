import type { FieldIssueBody } from '@firebreak/contract';

/** A field the server found wrong, with its path (`body.severity`). */
export type ApiFieldIssue = FieldIssueBody;

/**
 * What every failed API call rejects with: the server's error code and message, the HTTP
 * status, and the request id to quote when reporting it.
 */
export class FirebreakApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string;
    details?: Record<string, unknown>;
  }) {
    super(init.message);
    this.name = 'FirebreakApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
  }

  /** The field issues the server listed, if any. */
  get issues(): ApiFieldIssue[] {
    const issues = this.details?.issues;
    return Array.isArray(issues) ? (issues as ApiFieldIssue[]) : [];
  }
}

/** The server could not be reached at all (refused, DNS, timeout). */
export class FirebreakConnectionError extends Error {
  readonly url: string;

  constructor(url: string, cause: unknown) {
    super(`cannot reach Firebreak at ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FirebreakConnectionError';
    this.url = url;
  }
}

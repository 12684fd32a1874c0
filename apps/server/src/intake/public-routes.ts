import { SubmitReportRequest } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { systemCtx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import type { AppEnv } from '../http/env';
import { errorResponse, validationError } from '../http/errors';
import { checkAttachments, type IncomingFile } from './attachments';
import { type FormErrors, type FormValues, formPage, receiptPage, refusalPage } from './form-page';
import { clientAddress, type IntakeGuard, maxIntakeBodyBytes } from './limits';
import { submitReport } from './service';

export interface IntakeRouteOptions {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  guard: IntakeGuard;
  /** Names offered as suggestions for "which system" (the public ones; none unless configured). */
  systems: readonly string[];
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

/**
 * The public intake, with no token: the form at `/report` (server-rendered, works without
 * script) and `POST /api/v1/reports` (JSON with base64 attachments, or multipart with the form's
 * field names). Mounted before the API's auth, so it meets none of it; instead each POST is
 * counted against its address and the global cap before its body is read, and the body is
 * bounded while it is read.
 */
export function intakePublicRoutes(options: IntakeRouteOptions) {
  const app = new Hono<AppEnv>();
  const { guard } = options;
  const maxBytes = maxIntakeBodyBytes(guard.limits);
  const ctx = (c: Context<AppEnv>, via: 'form' | 'api') =>
    systemCtx({ ...options, actor: `public:${via}`, role: 'viewer', requestId: c.var.requestId ?? 'intake' });

  app.get('/report', (c) =>
    c.html(formPage({ stamp: guard.formStamp(options.now()), limits: guard.limits, systems: options.systems })),
  );

  app.post(
    '/report',
    admit(guard, (c, error) => {
      retryAfter(c, error);
      return c.html(refusalPage('Too many reports', error.message), 429);
    }),
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) =>
        c.html(
          refusalPage(
            'Too large',
            `attachments: the form is over the limit of ${maxBytes} bytes in all; send fewer or smaller files`,
          ),
          413,
        ),
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!MULTIPART_TYPE.test(type) && !FORM_TYPE.test(type))
        return c.html(
          refusalPage('Cannot read the form', `content-type: expected multipart/form-data, got ${type || 'none'}`),
          415,
        );
      const form = await readForm(c);
      if (!form)
        return c.html(
          refusalPage('Cannot read the form', 'form: the upload was cut off or malformed; send it again'),
          400,
        );
      const values = formValues(form.fields);
      const now = options.now();
      const again = (status: 400 | 413, errors: FormErrors) =>
        c.html(
          formPage({ stamp: guard.formStamp(now), limits: guard.limits, systems: options.systems, values, errors }),
          status,
        );
      const stamp = guard.checkStamp(form.fields.started ?? '', now);
      if (stamp === 'stale')
        return again(400, {
          form: 'The form had expired (or was not ours). Check what you wrote and send it again.',
          fields: {},
        });
      if (stamp === 'fast')
        return again(400, {
          form: 'That was sent faster than a person types, so it looks automated. Check the form and send it again.',
          fields: {},
        });
      try {
        const input = parseSubmission({ ...values, website: form.fields.website || undefined });
        const files = checkAttachments(form.files, guard.limits);
        const receipt = await submitReport({
          ctx: ctx(c, 'form'),
          input,
          files,
          sourceHash: guard.sourceHash(clientAddress(c, guard.limits.trustProxy)),
          via: 'form',
        });
        return c.html(receiptPage(receipt), 201);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again(error.code === 'payload_too_large' ? 413 : 400, { fields: fieldsOf(error) });
      }
    },
  );

  app.post(
    '/api/v1/reports',
    admit(guard, (c, error) => errorResponse(c, error)),
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) =>
        errorResponse(
          c,
          new DomainError('payload_too_large', `body: larger than the limit of ${maxBytes} bytes`, {
            details: { limit: maxBytes },
          }),
        ),
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      let input: ReturnType<typeof parseSubmission>;
      let incoming: IncomingFile[];
      if (JSON_TYPE.test(type)) {
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          throw new DomainError('malformed_body', 'body: malformed JSON');
        }
        const parsed = SubmitReportRequest.safeParse(body);
        if (!parsed.success) throw validationError(parsed.error, 'json');
        const { attachments, ...rest } = parsed.data;
        input = rest;
        incoming = attachments.map((file, i) => ({
          field: `attachments[${i}]`,
          name: file.name,
          mediaType: file.mediaType,
          content: new Uint8Array(Buffer.from(file.content, 'base64')),
        }));
      } else if (MULTIPART_TYPE.test(type)) {
        const form = await readForm(c);
        if (!form) throw new DomainError('malformed_body', 'body: the multipart upload was cut off or malformed');
        input = parseSubmission({ ...formValues(form.fields), website: form.fields.website || undefined });
        incoming = form.files;
      } else {
        throw new DomainError(
          'unsupported_media_type',
          `content-type: expected application/json or multipart/form-data, got ${type || 'none'}`,
        );
      }
      const files = checkAttachments(incoming, guard.limits);
      const receipt = await submitReport({
        ctx: ctx(c, 'api'),
        input,
        files,
        sourceHash: guard.sourceHash(clientAddress(c, guard.limits.trustProxy)),
        via: 'api',
      });
      return c.json(receipt, 201);
    },
  );

  return app;
}

/** Counts the request against its address and the global cap before anything else is done with it. */
function admit(
  guard: IntakeGuard,
  refuse: (c: Context<AppEnv>, error: DomainError) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    try {
      await guard.admit(clientAddress(c, guard.limits.trustProxy));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'rate_limited') return refuse(c, error);
      throw error;
    }
    return next();
  };
}

function retryAfter(c: Context, error: DomainError): void {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof seconds === 'number') c.header('Retry-After', String(seconds));
}

/** The form's text fields (first value of each) and its files, or undefined when the body cannot be read. */
async function readForm(c: Context): Promise<{ fields: Record<string, string>; files: IncomingFile[] } | undefined> {
  let body: Record<string, string | File | Array<string | File>>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return undefined;
  }
  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') fields[name] ??= item;
      // A file input left empty still sends a part with no name and no bytes.
      else if (item.size > 0 || item.name)
        files.push({
          field: `${name}[${files.length}]`,
          name: item.name,
          mediaType: item.type,
          content: new Uint8Array(await item.arrayBuffer()),
        });
    }
  }
  return { fields, files };
}

function formValues(fields: Record<string, string>): FormValues {
  const text = (name: string) => {
    const value = fields[name]?.trim();
    return value ? value : undefined;
  };
  return {
    kind: text('kind'),
    system: text('system'),
    whatHappened: fields.whatHappened,
    when: text('when'),
    email: text('email'),
    consent: ['yes', 'on', 'true'].includes(fields.consent ?? ''),
  };
}

/** Checks the form's fields with the API's schema, so both answer a mistake in the same words. */
function parseSubmission(values: FormValues & { website?: string | undefined }) {
  const candidate = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const parsed = SubmitReportRequest.safeParse({ ...candidate, whatHappened: values.whatHappened ?? '' });
  if (!parsed.success) throw validationError(parsed.error, 'json');
  const { attachments: _none, ...input } = parsed.data;
  return input;
}

function fieldsOf(error: DomainError): Record<string, string> {
  const issues = (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues;
  if (!issues || issues.length === 0) return { form: error.message };
  return Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
}

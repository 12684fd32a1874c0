import { REPORT_ATTACHMENT_TYPES, REPORT_KIND_LABELS, REPORT_KINDS, type ReportReceipt } from '@firebreak/contract';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { IntakeLimits } from './limits';

/** What the reporter typed, given back to the form when it is shown again with an error. */
export interface FormValues {
  kind?: string;
  system?: string;
  whatHappened?: string;
  when?: string;
  email?: string;
  consent?: boolean;
}

/** Messages by field (`whatHappened`, `attachments[2]`, …) and one for the whole form. */
export interface FormErrors {
  form?: string;
  fields: Record<string, string>;
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  body { font: 17px/1.5 system-ui, -apple-system, Segoe UI, Roboto, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1.5rem 1rem 3rem; color: #1b1f24; background: #fff; }
  h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
  p.lead { color: #424a53; margin-top: 0; }
  form > div, fieldset { margin: 0 0 1.25rem; }
  fieldset { border: 0; padding: 0; }
  legend, label.field { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  .hint { display: block; font-size: 0.9rem; color: #57606a; margin-bottom: 0.35rem; }
  input[type=text], input[type=email], textarea, input[type=file] { font: inherit; width: 100%; padding: 0.6rem 0.7rem; border: 1px solid #8c959f; border-radius: 0.4rem; background: #fff; color: inherit; }
  textarea { min-height: 9rem; resize: vertical; }
  input:focus-visible, textarea:focus-visible, button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
  .choice { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0.35rem 0; font-weight: 400; }
  .choice input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
  button { font: inherit; font-weight: 600; width: 100%; min-height: 3rem; padding: 0.75rem 1rem; border: 0; border-radius: 0.5rem; background: #b42318; color: #fff; cursor: pointer; }
  .error { color: #a40e26; font-weight: 600; display: block; margin: 0.25rem 0; }
  [aria-invalid=true] { border-color: #a40e26; }
  .summary { border: 2px solid #a40e26; border-radius: 0.5rem; padding: 0.75rem 1rem; margin-bottom: 1.25rem; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; }
  dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
  .reference { font: 600 1.6rem/1.2 ui-monospace, SFMono-Regular, Menlo, monospace; letter-spacing: 0.05em; padding: 0.75rem 1rem; background: #f3f4f6; border-radius: 0.5rem; display: inline-block; }
  @media (min-width: 48rem) { body { padding-top: 3rem; } button { width: auto; min-width: 14rem; } }
`;

/** A whole page: small, no script, readable on a phone. */
export function page(title: string, body: Html): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>${title} · Firebreak</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`;
}

const ACCEPT = [
  ...REPORT_ATTACHMENT_TYPES,
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.pdf',
  '.txt',
  '.log',
  '.csv',
  '.json',
];

/**
 * The report form. Every field has a label and a hint tied to it (`aria-describedby`); an error
 * is shown under its field and listed at the top, and the field is marked `aria-invalid`.
 */
export function formPage(options: {
  stamp: string;
  limits: IntakeLimits;
  systems: readonly string[];
  values?: FormValues;
  errors?: FormErrors;
}): Html {
  const values = options.values ?? {};
  const errors = options.errors ?? { fields: {} };
  const fieldError = (name: string) => {
    const message = Object.entries(errors.fields).find(([key]) => key === name || key.startsWith(`${name}[`))?.[1];
    return message ? html`<span class="error" id="${name}-error">${message}</span>` : '';
  };
  const invalidAttr = (name: string) =>
    Object.keys(errors.fields).some((key) => key === name || key.startsWith(`${name}[`))
      ? raw(` aria-invalid="true"`)
      : '';
  const describedBy = (name: string) =>
    raw(
      ` aria-describedby="${name}-hint${Object.keys(errors.fields).some((k) => k === name || k.startsWith(`${name}[`)) ? ` ${name}-error` : ''}"`,
    );
  const problems = [
    ...(errors.form ? [errors.form] : []),
    ...Object.entries(errors.fields).map(([k, v]) => `${k}: ${v}`),
  ];
  const maxMiB = Number((options.limits.maxAttachmentBytes / (1024 * 1024)).toFixed(1));
  return page(
    'Report a problem with an AI system',
    html`<h1>Report a problem with an AI system</h1>
      <p class="lead">
        Tell us what one of our AI systems did: harm to you or someone else, a wrong or unsafe answer, or a
        security weakness you found. No account needed. You get a reference; a person reads every report within
        24 hours.
      </p>
      ${
        problems.length > 0
          ? html`<div class="summary" role="alert" id="problems">
            <strong>Please check the form:</strong>
            <ul>
              ${problems.map((problem) => html`<li>${problem}</li>`)}
            </ul>
            <p>Files are not kept when the form comes back: attach them again.</p>
          </div>`
          : ''
      }
      <form method="post" action="/report" enctype="multipart/form-data">
        <input type="hidden" name="started" value="${options.stamp}" />
        <fieldset${invalidAttr('kind')}>
          <legend>What are you reporting?</legend>
          ${REPORT_KINDS.map(
            (kind) =>
              html`<label class="choice"
                ><input type="radio" name="kind" value="${kind}" ${values.kind === kind || (!values.kind && kind === 'user_harm') ? raw('checked') : ''} />
                <span>${REPORT_KIND_LABELS[kind]}</span></label
              >`,
          )}
          ${fieldError('kind')}
        </fieldset>
        <div>
          <label class="field" for="system">Which system or product?</label>
          <span class="hint" id="system-hint">Its name as you know it, if you do (optional).</span>
          <input type="text" id="system" name="system" maxlength="200" list="systems" autocomplete="off"
            value="${values.system ?? ''}"${describedBy('system')}${invalidAttr('system')} />
          <datalist id="systems">${options.systems.map((name) => html`<option value="${name}"></option>`)}</datalist>
          ${fieldError('system')}
        </div>
        <div>
          <label class="field" for="whatHappened">What happened?</label>
          <span class="hint" id="whatHappened-hint"
            >What you asked or did, what the system answered or did, and why it is a problem. For a security issue:
            the steps to reproduce it. No passwords or payment card numbers, please.</span
          >
          <textarea id="whatHappened" name="whatHappened" required maxlength="10000"${describedBy('whatHappened')}${invalidAttr('whatHappened')}>${values.whatHappened ?? ''}</textarea>
          ${fieldError('whatHappened')}
        </div>
        <div>
          <label class="field" for="when">When did it happen?</label>
          <span class="hint" id="when-hint">A date and time, roughly, with your time zone (optional).</span>
          <input type="text" id="when" name="when" maxlength="200" value="${values.when ?? ''}"${describedBy('when')}${invalidAttr('when')} />
          ${fieldError('when')}
        </div>
        <div>
          <label class="field" for="attachments">Screenshots or files</label>
          <span class="hint" id="attachments-hint"
            >Up to ${options.limits.maxAttachments} files of at most ${maxMiB} MiB each: PNG, JPEG, GIF, WebP, PDF,
            text, CSV or JSON (optional).</span
          >
          <input type="file" id="attachments" name="attachments" multiple accept="${ACCEPT.join(',')}"${describedBy('attachments')}${invalidAttr('attachments')} />
          ${fieldError('attachments')}
        </div>
        <div>
          <label class="field" for="email">Your email address</label>
          <span class="hint" id="email-hint"
            >Optional. Only to tell you we have it and how it is going; without one we cannot write back.</span
          >
          <input type="email" id="email" name="email" maxlength="320" autocomplete="email" value="${values.email ?? ''}"${describedBy('email')}${invalidAttr('email')} />
          ${fieldError('email')}
          <label class="choice"
            ><input type="checkbox" id="consent" name="consent" value="yes" ${values.consent ? raw('checked') : ''}${describedBy('consent')}${invalidAttr('consent')} />
            <span>You may contact me at this address about this report.</span></label
          >
          <span class="hint" id="consent-hint">Needed if you give an address.</span>
          ${fieldError('consent')}
        </div>
        <div class="trap" aria-hidden="true">
          <label for="website">Leave this empty</label>
          <input type="text" id="website" name="website" tabindex="-1" autocomplete="off" />
        </div>
        <button type="submit">Send report</button>
      </form>`,
  );
}

/** The answer to a report that was stored: its reference and what happens next. */
export function receiptPage(receipt: ReportReceipt): Html {
  return page(
    'Report received',
    html`<h1>Thank you: we have your report</h1>
      <p>Your reference:</p>
      <p class="reference" id="reference">${receipt.reference}</p>
      <p>Keep it: quote it if you contact us about this report.</p>
      <dl>
        <dt>Received</dt>
        <dd>${utc(receipt.receivedAt)}</dd>
        <dt>Read by</dt>
        <dd>${utc(receipt.acknowledgeBy)}</dd>
        ${receipt.mail ? html`<dt>Update by</dt><dd>${utc(receipt.updateBy)}</dd>` : ''}
        ${receipt.attachments.map(
          (file, i) => html`<dt>File ${i + 1}</dt><dd>${file.name} (${file.size} bytes, SHA-256 ${file.sha256})</dd>`,
        )}
      </dl>
      <p>${receipt.next}</p>
      <p><a href="/report">Send another report</a></p>`,
  );
}

/** A refusal that is not about one field: too many reports, a body too large to read. */
export function refusalPage(title: string, message: string): Html {
  return page(
    title,
    html`<h1>${title}</h1><p role="alert">${message}</p><p><a href="/report">Back to the form</a></p>`,
  );
}

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

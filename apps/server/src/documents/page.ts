import { existsSync } from 'node:fs';
import { invalid } from '@firebreak/core';
import MarkdownIt from 'markdown-it';

// Documents the server exports (postmortems, response plans): Markdown turned into a standalone
// HTML page by markdown-it with raw HTML escaped, so nothing a writer typed runs in a reader's
// browser; Chromium, where the server has one, prints the page to PDF.

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}
code{background:#f3f4f6;padding:0 .2rem}`;

/** A Markdown document as a standalone HTML page titled `title` (raw HTML in the text is escaped, not rendered). */
export function markdownPage(title: string, text: string): string {
  const body = markdown.render(text);
  const escaped = markdown.utils.escapeHtml(title);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escaped}</title><style>${STYLE}</style></head><body>\n${body}</body></html>\n`;
}

/** Where a Chromium for printing PDF is: FIREBREAK_CHROMIUM, else Debian's, else none. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.FIREBREAK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** Prints the HTML to PDF in headless Chromium (playwright-core), when the server has both. */
export async function renderPdf(html: string): Promise<Uint8Array> {
  const executablePath = chromiumPath();
  let chromium: typeof import('playwright-core').chromium | undefined;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    chromium = undefined;
  }
  if (!executablePath || !chromium)
    throw invalid(
      'format',
      'pdf needs Chromium and playwright-core on the server (set FIREBREAK_CHROMIUM to a chromium binary); markdown and html work without',
    );
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // The document is self-contained: nothing is fetched while it prints.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    return new Uint8Array(
      await page.pdf({ format: 'A4', margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } }),
    );
  } finally {
    await browser.close();
  }
}

import { createHash } from 'node:crypto';
import { REPORT_ATTACHMENT_TYPES } from '@firebreak/contract';
import { DomainError, invalid } from '@firebreak/core';

/** An attachment as it arrived (a multipart file or a decoded JSON entry), before it is checked. */
export interface IncomingFile {
  /** Where it came from, for messages: `attachments[1]`. */
  field: string;
  name: string;
  mediaType: string;
  content: Uint8Array;
}

/** An attachment that passed: its bytes and their SHA-256. */
export interface CheckedFile {
  name: string;
  mediaType: string;
  content: Uint8Array;
  sha256: string;
}

export interface AttachmentLimits {
  maxAttachments: number;
  maxAttachmentBytes: number;
}

const ALLOWED = new Set<string>(REPORT_ATTACHMENT_TYPES);
const TEXT = new Set(['text/plain', 'text/csv', 'application/json']);

/** The first bytes each binary type must start with: a declared type the content contradicts is refused. */
const SIGNATURES: Record<string, Array<number[]>> = {
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/gif': [
    [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
    [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  ],
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]],
};

/** Browsers send an empty type or a generic one for some files; the extension then says what it is. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
};

/**
 * Checks a report's attachments against the limits and the allowed types, and hashes each. Every
 * refusal names the field and the limit: `attachments[2]: 7340032 bytes is over the limit of
 * 5242880 bytes (5 MiB) per file`. The declared type must agree with the content (a PNG starts
 * like a PNG, text is UTF-8 without NULs), so an executable cannot pass as a screenshot.
 *
 * @example
 * const files = checkAttachments([{ field: 'attachments[1]', name: 'a.png', mediaType: 'image/png', content }], limits);
 */
export function checkAttachments(files: readonly IncomingFile[], limits: AttachmentLimits): CheckedFile[] {
  if (files.length > limits.maxAttachments)
    throw invalid('attachments', `${files.length} files is over the limit of ${limits.maxAttachments} per report`, {
      limit: limits.maxAttachments,
    });
  return files.map((file) => checkOne(file, limits));
}

function checkOne(file: IncomingFile, limits: AttachmentLimits): CheckedFile {
  const name = file.name.trim().slice(0, 200) || 'attachment';
  const mediaType = resolveType(file.mediaType, name);
  if (!mediaType || !ALLOWED.has(mediaType))
    throw invalid(
      file.field,
      `${name}: type ${file.mediaType || 'unknown'} is not accepted; send ${REPORT_ATTACHMENT_TYPES.join(', ')}`,
    );
  const size = file.content.byteLength;
  if (size === 0) throw invalid(file.field, `${name}: the file is empty`);
  if (size > limits.maxAttachmentBytes) {
    const message = `${name}: ${size} bytes is over the limit of ${limits.maxAttachmentBytes} bytes (${mib(limits.maxAttachmentBytes)}) per file`;
    throw new DomainError('payload_too_large', `${file.field}: ${message}`, {
      details: { limit: limits.maxAttachmentBytes, issues: [{ path: file.field, message }] },
    });
  }
  const signatures = SIGNATURES[mediaType];
  if (signatures && !signatures.some((signature) => signature.every((byte, i) => file.content[i] === byte)))
    throw invalid(file.field, `${name}: the content is not ${mediaType} as declared`);
  if (mediaType === 'image/webp' && !isWebp(file.content))
    throw invalid(file.field, `${name}: the content is not image/webp as declared`);
  if (TEXT.has(mediaType) && !isCleanText(file.content))
    throw invalid(file.field, `${name}: ${mediaType} must be UTF-8 text without NUL characters`);
  return { name, mediaType, content: file.content, sha256: createHash('sha256').update(file.content).digest('hex') };
}

function resolveType(declared: string, name: string): string | undefined {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (type && type !== 'application/octet-stream') return type;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension ? BY_EXTENSION[extension] : undefined;
}

function isWebp(content: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...content.subarray(from, to));
  return content.byteLength >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
}

function isCleanText(content: Uint8Array): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

function mib(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return value >= 1 ? `${Number(value.toFixed(1))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

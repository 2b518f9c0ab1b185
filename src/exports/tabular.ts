/**
 * NDJSON and CSV exports: one line per account, in the column order of ACCOUNT_FIELDS.
 *
 * NDJSON (https://github.com/ndjson/ndjson-spec): one JSON object a line, values exact.
 * CSV (RFC 4180): a header row, CRLF line ends, fields with a comma, quote, CR or LF quoted
 * with inner quotes doubled. A text cell that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) gets a leading apostrophe, as OWASP's "CSV Injection"
 * advice says; numbers are never altered, and NDJSON keeps every value as it is.
 */
import { ACCOUNT_FIELDS, type ExportAccount, type ExportSource } from './source.js';

/** `{"accountId":`, `,"nicheId":`, ...: each field's key, written once. */
const NDJSON_KEYS = ACCOUNT_FIELDS.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f.name)}:`);

/** A field's JSON text, as JSON.stringify writes it (non-finite numbers and absent values: null). */
function jsonValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}

/** One JSON object per account and line, its keys in ACCOUNT_FIELDS order (written field by field: no object per row). */
export function ndjsonLine(a: ExportAccount): string {
  let line = '';
  for (let i = 0; i < ACCOUNT_FIELDS.length; i++) line += NDJSON_KEYS[i]! + jsonValue(a[ACCOUNT_FIELDS[i]!.name]);
  return `${line}}\n`;
}

export async function* ndjsonExport(source: ExportSource): AsyncGenerator<string> {
  for await (const a of source.accounts()) yield ndjsonLine(a);
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = String(value ?? '');
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(a: ExportAccount): string {
  return `${ACCOUNT_FIELDS.map((f) => csvCell(a[f.name])).join(',')}\r\n`;
}

export async function* csvExport(source: ExportSource): AsyncGenerator<string> {
  yield `${ACCOUNT_FIELDS.map((f) => f.name).join(',')}\r\n`;
  for await (const a of source.accounts()) yield csvRow(a);
}

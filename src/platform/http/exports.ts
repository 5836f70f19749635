import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type * as CsvStringify from 'csv-stringify/sync';
import { lazyPackage } from '../lazy.js';

const csvStringify = lazyPackage<typeof CsvStringify>('csv-stringify/sync');

/**
 * A spreadsheet opening a CSV file runs a cell that starts with = + - @ (or a tab or carriage
 * return before them) as a formula: `=HYPERLINK(...)` typed as a name would become a link, a
 * command, a data leak. Such cells get a leading apostrophe, which spreadsheets show as text
 * (OWASP "CSV injection"). Numbers stay numbers; only text is changed.
 */
export function neutralizeCell(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

const TABLE_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Rows a CSV file is written in at a time: a big table's text is never one string. */
const CSV_BATCH = 1000;

/** A table as the bytes of a CSV file (with a BOM, so spreadsheet programs read accents and scripts), every cell neutralized, a batch of rows at a time (10,000 rows with comments' text: ~10 MB). */
function csvFile(head: string[], rows: Iterable<(string | number)[]>): Buffer {
  const chunks = [Buffer.from('\ufeff')];
  let batch = [head.map(neutralizeCell)];
  const write = () => chunks.push(Buffer.from(csvStringify().stringify(batch)));
  for (const row of rows) {
    batch.push(row.map(neutralizeCell));
    if (batch.length === CSV_BATCH) {
      write();
      batch = [];
    }
  }
  if (batch.length) write();
  return Buffer.concat(chunks);
}

/** A table as the bytes of a CSV (UTF-8 with BOM, so spreadsheet programs read accents and scripts) or XLSX file; the rows are read once, in order, as the file is written. */
export async function tableFile(format: 'csv' | 'xlsx', head: string[], rows: Iterable<(string | number)[]>, sheetName: string): Promise<Buffer> {
  if (format === 'csv') return csvFile(head, rows);
  const { default: ExcelJS } = await import('exceljs'); // large; loaded on the first spreadsheet
  // Written row by row as the rows are given (a workbook held whole took ~120 MB for 9,000 rows).
  const chunks: Buffer[] = [];
  const stream = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.columns = head.map(() => ({ width: 22 }));
  const heading = sheet.addRow(head);
  heading.font = { bold: true };
  heading.commit();
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

/**
 * The headers of a file the browser saves (or shows, with `inline`): its type, its name — made safe
 * inside the header's quotes (anything but letters, digits, `_ . -` and spaces becomes `_`) — and how
 * long a cache may keep it. Every download in Bridges is sent through here.
 */
export function downloadHeaders(reply: FastifyReply, file: { type: string; name: string; cache?: string; inline?: boolean }): FastifyReply {
  reply.header('content-type', file.type).header('content-disposition', `${file.inline ? 'inline' : 'attachment'}; filename="${file.name.replace(/[^\w. -]/g, '_')}"`);
  return file.cache ? reply.header('cache-control', file.cache) : reply;
}

/** Sends a JSON document (a person's data) as a download, never kept by a cache. */
export function sendJsonFile(reply: FastifyReply, name: string, data: unknown) {
  return downloadHeaders(reply, { type: 'application/json; charset=utf-8', name, cache: 'private, no-store' }).send(JSON.stringify(data, null, 2));
}

/** Sends a table file's bytes as a download named `name-YYYY-MM-DD.csv|xlsx`, never kept by a cache. */
export function sendTableFile(reply: FastifyReply, name: string, format: 'csv' | 'xlsx', bytes: Buffer) {
  const stamp = new Date().toISOString().slice(0, 10);
  return downloadHeaders(reply, { type: TABLE_TYPES[format], name: `${name}-${stamp}.${format}`, cache: 'private, no-store' }).send(bytes);
}

/**
 * Sends a table as CSV or XLSX (see tableFile). The caller has already checked the policy and
 * written the audit record.
 */
export async function sendTable(reply: FastifyReply, name: string, format: 'csv' | 'xlsx', head: string[], rows: (string | number)[][], sheetName: string) {
  return sendTableFile(reply, name, format, await tableFile(format, head, rows, sheetName));
}

/**
 * The export formats: media type, file extension and writer of each. A writer turns an
 * ExportSource into text pieces; `exportStream` batches them into a Readable that is pulled
 * only as fast as the client reads (Readable.from over an async generator: backpressure
 * is the generator not being resumed), and whose destruction (client gone) returns the
 * generator, which closes the store's streams.
 */
import { Readable } from 'node:stream';
import { gexfExport, graphmlExport } from './graph-xml.js';
import { batched, type ExportSource } from './source.js';
import { csvExport, ndjsonExport } from './tabular.js';

export const EXPORT_FORMATS = {
  ndjson: { mediaType: 'application/x-ndjson', extension: 'ndjson', write: ndjsonExport, ties: false },
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv', write: csvExport, ties: false },
  gexf: { mediaType: 'application/gexf+xml', extension: 'gexf', write: gexfExport, ties: true },
  graphml: { mediaType: 'application/graphml+xml', extension: 'graphml', write: graphmlExport, ties: true },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

/** A byte stream of the export; at most about `highWaterMark` bytes wait for a slow client. */
export function exportStream(format: ExportFormat, source: ExportSource, highWaterMark = 256 * 1024): Readable {
  return Readable.from(batched(EXPORT_FORMATS[format].write(source)), { objectMode: false, highWaterMark });
}

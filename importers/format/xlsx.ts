/**
 * An `.xlsx` workbook (exceljs' streaming reader): the first worksheet's first non-empty row is the
 * header, each further row a record keyed by it, numbered by its row. Cells keep their type
 * (text, number; a date cell becomes `YYYY-MM-DD`, an empty one ''); a formula gives its result,
 * rich text its text.
 */
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { FileFormatError, type RecordItem } from './records.ts';

/** A cell's value as an export record holds it: text or number, or absent. */
function cellValue(value: ExcelJS.CellValue): string | number | boolean | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellValue(value.text as ExcelJS.CellValue);
  return undefined;
}

export async function* readXlsxRecords(stream: Readable): AsyncGenerator<RecordItem> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let header: string[] | undefined;
  let sheets = 0;
  try {
    for await (const worksheet of workbook) {
      // Ads Manager writes one sheet; later sheets are read through (the stream must be drained) but not used.
      const first = sheets++ === 0;
      for await (const row of worksheet) {
        if (!first) continue;
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
        if (!header) {
          header = cells.map((name) => (name === undefined ? '' : String(name).trim()));
          continue;
        }
        // An empty cell is an empty field, as in CSV: every record has the header's columns.
        yield { position: row.number, record: Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']).filter(([name]) => name !== '')) };
      }
    }
  } catch (error) {
    // The file could not be read (a system or zlib error has a code): not a question of the format.
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
    throw new FileFormatError(`not a valid .xlsx workbook: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
}

// CSV export that opens correctly in spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM
// (so Excel reads accents right), formula-injection neutralisation of text cells, and control/bidi characters
// shown as <U+XXXX>.

import { neutraliseText } from '$lib/schemas/text';
import { getLocale } from '$lib/paraglide/runtime';
import { inLocale } from './in-locale';

export type CsvCell = string | number | boolean | Date | null | undefined;

/** Text starting with these characters would be run as a formula by Excel/LibreOffice/Sheets. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One cell as CSV text. Only strings are neutralised: numbers we produce ourselves are data. */
export function csvCell(value: CsvCell): string {
	let text: string;
	if (value === null || value === undefined) text = '';
	else if (value instanceof Date) text = value.toISOString();
	else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
	else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
	else {
		// control and direction-override characters (stored before names were checked) become visible <U+XXXX>
		text = neutraliseText(value);
		if (text.length > 0 && FORMULA_TRIGGERS.has(text[0])) text = `'${text}`;
	}
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
	const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Distinct text cells a CSV stream keeps quoted (csvStream). */
const STREAM_CELL_MEMO = 2048;

/**
 * The same bytes as toCsv(header, rows of every batch), produced one batch at a time as the client reads, so an
 * export of a large organisation holds one batch in memory (pair it with a keyset-paginated query). Each batch is
 * made in the locale of the request that opened the stream (the client pulls later, outside that request's context),
 * so translated cells read like the header. The event loop takes a turn between batches.
 */
export function csvStream(header: string[], batches: Iterable<CsvCell[][]>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	// Exports repeat most of their text cells on every row (cohort, programme, state, to-do lists): each distinct text
	// is quoted and neutralised once. Bounded, so a stream still holds about one batch however long the export is.
	const quoted = new Map<string, string>();
	const cell = (value: CsvCell) => {
		if (typeof value !== 'string') return csvCell(value);
		let text = quoted.get(value);
		if (text === undefined) {
			text = csvCell(value);
			if (quoted.size < STREAM_CELL_MEMO) quoted.set(value, text);
		}
		return text;
	};
	const line = (row: CsvCell[]) => row.map(cell).join(',') + '\r\n';
	const locale = getLocale();
	let it: Iterator<CsvCell[][]> | undefined;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode('\uFEFF' + line(header)));
		},
		async pull(controller) {
			// Between batches the event loop takes its turn (timers, other requests): a fast reader would otherwise pull
			// every batch in one chain of promises, and a 2,000-trainee export held the loop for 350 ms, long enough
			// for the load shedder to refuse the requests behind it.
			if (it) await new Promise((resolve) => setImmediate(resolve));
			it ??= batches[Symbol.iterator]();
			const next = inLocale(locale, () => it!.next());
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value.map(line).join('')));
		},
		cancel() {
			it?.return?.();
		}
	});
}

/** A download response for a CSV body; the file name is reduced to safe characters. */
export function csvResponse(fileName: string, csv: string | ReadableStream<Uint8Array>): Response {
	const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '-');
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${safe}"`,
			'cache-control': 'no-store'
		}
	});
}

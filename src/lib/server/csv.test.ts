import { describe, expect, it } from 'vitest';
import { csvCell, csvResponse, csvStream, toCsv } from './csv';

describe('csvCell', () => {
	it.each([
		['plain text', 'Ana Silva', 'Ana Silva'],
		['a formula', '=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
		['a plus formula', '+1+1', "'+1+1"],
		['a minus formula', '-2+3', "'-2+3"],
		['an at command', '@SUM(A1)', "'@SUM(A1)"],
		['a leading tab', '\t=1', "'\t=1"],
		['a leading carriage return', '\r=1', `"'\r=1"`],
		['a comma', 'Silva, Ana', '"Silva, Ana"'],
		['a quote', 'the "best"', '"the ""best"""'],
		['a newline', 'line 1\nline 2', '"line 1\nline 2"'],
		['accents and emoji', 'Zoë Ødegård 😀', 'Zoë Ødegård 😀'],
		['an empty string', '', ''],
		['surrounding spaces are kept by quoting', ' x ', '" x "'],
		['a formula character later on is harmless', 'a=b', 'a=b']
	])('writes %s', (_name, input, expected) => {
		expect(csvCell(input)).toBe(expected);
	});

	it('writes numbers, including negative ones, as numbers', () => {
		expect(csvCell(-12.5)).toBe('-12.5');
		expect(csvCell(75)).toBe('75');
		expect(csvCell(Number.NaN)).toBe('');
	});

	it('writes dates as ISO 8601, booleans as yes/no, null as empty', () => {
		expect(csvCell(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
		expect(csvCell(true)).toBe('yes');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});
});

describe('toCsv', () => {
	it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
		const csv = toCsv(['name', 'score'], [['Ana', 80], ['=cmd', null]]);
		expect(csv).toBe("\uFEFFname,score\r\nAna,80\r\n'=cmd,\r\n");
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});
});

describe('csvResponse', () => {
	it('sends a CSV attachment with a safe file name', async () => {
		const res = csvResponse('progress "2026"/x.csv', toCsv(['a'], [['b']]));
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="progress-2026-x.csv"');
		expect(await res.text()).toContain('a\r\nb\r\n');
	});
});

describe('csvStream', () => {
	it('gives the bytes of toCsv, and lets the event loop take a turn between batches', async () => {
		const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 3 }, (_, r) => [`row ${b}.${r}`, b * 10 + r]));
		let turns = 0;
		let reading = true;
		const tick = () => {
			if (!reading) return;
			turns++;
			setImmediate(tick);
		};
		setImmediate(tick);
		const bytes = await new Response(csvStream(['name', 'n'], batches)).arrayBuffer();
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		reading = false;
		expect(text).toBe(toCsv(['name', 'n'], batches.flat()));
		// a reader that pulls as fast as it can still leaves the loop a turn before each batch after the first
		expect(turns).toBeGreaterThanOrEqual(batches.length - 1);
	});

	it('quotes each repeated text once and still gives the bytes of toCsv, past the bound of kept texts', async () => {
		// 3,000 distinct names (more than the stream keeps) beside repeated cells that need quoting or neutralising
		const repeated = ['Cohort "A", evening', '=SUM(A1)', 'line\nbreak', ' padded ', 'bidi \u202e text', 'plain'];
		const batches = Array.from({ length: 30 }, (_, b) =>
			Array.from({ length: 100 }, (_, r) => [`trainee ${b * 100 + r}`, repeated[(b + r) % repeated.length], repeated[r % 2], null, r, new Date(Date.UTC(2026, 0, 1 + r))])
		);
		const header = ['name', 'cohort', 'note', 'empty', 'n', 'at'];
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(csvStream(header, batches)).arrayBuffer());
		expect(text).toBe(toCsv(header, batches.flat()));
		expect(text).toContain(`"Cohort ""A"", evening"`);
		expect(text).toContain(`'=SUM(A1)`);
		expect(text).toContain('bidi <U+202E> text');
	});
});

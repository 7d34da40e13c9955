import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { extractPdfText } from '../../../../tests/fixtures/pdf-text';
import { renderCertificatePdf, type CertificatePdfInput } from './certificate-pdf';

const input: CertificatePdfInput = {
	holderName: 'Zoë Ødegård-Smith',
	programmeTitle: 'CRM Call Handling — Level 1',
	issuedAt: new Date('2026-03-01T10:00:00Z'),
	expiresAt: new Date('2027-03-01T10:00:00Z'),
	code: 'ABCDEFGHJKMNPQRSTVWXYZ0123',
	verifyUrl: 'https://callcraft.example/verify/ABCDEFGHJKMNPQRSTVWXYZ0123',
	status: 'valid',
	now: new Date('2026-03-02T10:00:00Z')
};

describe('renderCertificatePdf', () => {
	it('produces a one-page PDF that parses back and names the holder, programme, dates and code', async () => {
		const bytes = await renderCertificatePdf(input);
		expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
		const { pages, text, title } = await extractPdfText(bytes);
		expect(pages).toBe(1);
		expect(text).toContain('Zoë Ødegård-Smith');
		expect(text).toContain('CRM Call Handling — Level 1');
		expect(text).toContain('Issued: 1 March 2026');
		expect(text).toContain('Valid until: 1 March 2027');
		expect(text).toContain(input.code);
		expect(text).toContain(input.verifyUrl);
		expect(text).not.toContain('Status on');
		expect(title).toBe('Certificate — CRM Call Handling — Level 1 — Zoë Ødegård-Smith');
	});

	it('draws a QR code made of many dark modules', async () => {
		const bytes = await renderCertificatePdf(input);
		const doc = await PDFDocument.load(bytes);
		expect(doc.getPage(0).getSize()).toEqual({ width: 842, height: 595 });
		// A QR code for this URL has hundreds of dark modules, each drawn as a filled rectangle.
		const { operators: ops } = await extractPdfText(bytes);
		expect((ops.match(/^f$/gm) ?? []).length).toBeGreaterThan(200);
	});

	it('prints the status of a revoked certificate', async () => {
		const bytes = await renderCertificatePdf({ ...input, status: 'revoked', expiresAt: null });
		const { text } = await extractPdfText(bytes);
		expect(text).toContain('Valid until: does not expire');
		expect(text).toContain('Status on 2 March 2026: Revoked');
	});

	it.each(['Łucja Şahin-Ørsted', 'Δήμητρα Παπαδοπούλου', 'Фёдор Достоевский'])(
		'prints %s as written, with a glyph for every letter, in a small file',
		async (holderName) => {
			const bytes = await renderCertificatePdf({ ...input, holderName });
			const { text, title, fonts, missingGlyphs } = await extractPdfText(bytes);
			expect(text.split('\n')).toContain(holderName);
			expect(missingGlyphs).toEqual([]);
			expect(title).toBe(`Certificate — CRM Call Handling — Level 1 — ${holderName}`);
			expect(fonts.every((f) => /^DejaVuSans(-Bold)?-/.test(f))).toBe(true);
			// Only the glyphs drawn are embedded (the whole of DejaVu Sans would be about 1.4 MB).
			expect(bytes.length).toBeLessThan(200_000);
		}
	);

	it('turns letters DejaVu Sans lacks into "?" and keeps the rest of the name', async () => {
		const bytes = await renderCertificatePdf({ ...input, holderName: 'Łukasz Őrs 王小明' });
		const { text, missingGlyphs } = await extractPdfText(bytes);
		expect(text.split('\n')).toContain('Łukasz Őrs ???');
		expect(missingGlyphs).toEqual([]);
	});
});

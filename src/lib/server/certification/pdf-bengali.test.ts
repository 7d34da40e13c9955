import { describe, expect, it } from 'vitest';
import { PDFDocument, rgb } from 'pdf-lib';
import { extractPdfText } from '../../../../tests/fixtures/pdf-text';
import { compareInk, pangoReferencePdf, rasterizePdf } from '../../../../tests/fixtures/shaping-reference';
import { embedPdfFonts } from './pdf-fonts';
import { drawGlyphs, drawText, shapeText, type PlacedGlyph } from './pdf-text';
import { renderCertificatePdf, type CertificatePdfInput } from './certificate-pdf';

// Conjuncts (ক্ষ, ন্ত্র, স্ট, reph in র্ম), vowel signs drawn before their consonant (কি, কে, কৈ) and the
// two-part কো/কৌ.
const LINE = 'ক্ষমা কিনে কেন কৈফিয়ত কোথায় মন্ত্রী স্টেশনে কৌশল ধর্ম';
const DPI = 144;
const SIZE = 24;
// Measured: the shaped line matches pango-view's pixel for pixel (0 %); the same glyphs unshaped miss 47 %.
const MAX_MISMATCH = 0.06;

async function linePdf(draw: (page: ReturnType<PDFDocument['addPage']>, fonts: Awaited<ReturnType<typeof embedPdfFonts>>) => void) {
	const doc = await PDFDocument.create();
	const fonts = await embedPdfFonts(doc);
	const page = doc.addPage([800, 100]);
	draw(page, fonts);
	return doc.save();
}

const reference = (text: string, bold = false, size = SIZE) =>
	rasterizePdf(pangoReferencePdf(text, { family: 'Noto Sans Bengali', bold, size }), DPI);

describe('Bengali in PDFs', () => {
	it('draws a line of conjuncts and vowel signs as HarfBuzz (via pango-view) sets it', async () => {
		const pdf = await linePdf((page, fonts) => drawText(page, fonts.regular, LINE, { x: 20, y: 40, size: SIZE, color: rgb(0, 0, 0) }));
		const result = compareInk(rasterizePdf(pdf, DPI), reference(LINE));
		expect(Math.abs(result.size[0] - result.referenceSize[0])).toBeLessThanOrEqual(2);
		expect(Math.abs(result.size[1] - result.referenceSize[1])).toBeLessThanOrEqual(2);
		expect(result.mismatch).toBeLessThan(MAX_MISMATCH);
	});

	it('fails the same comparison for the line drawn unshaped (one nominal glyph per character)', async () => {
		const pdf = await linePdf((page, fonts) => {
			const face = fonts.regular.bengali;
			const unshaped: PlacedGlyph[] = [...LINE].map((ch) => {
				const id = face.shaper.glyph(ch.codePointAt(0)!) ?? 0;
				return { face, id, xAdvance: face.shaper.glyphHAdvance(id) / face.unitsPerEm, xOffset: 0, yOffset: 0, codePoints: [ch.codePointAt(0)!] };
			});
			drawGlyphs(page, LINE, unshaped, { x: 20, y: 40, size: SIZE, color: rgb(0, 0, 0) });
		});
		const result = compareInk(rasterizePdf(pdf, DPI), reference(LINE));
		expect(result.mismatch).toBeGreaterThan(MAX_MISMATCH * 3);
	});

	it('shapes each conjunct to one glyph and puts ি, ে and ৈ before their consonant', async () => {
		await linePdf((_page, fonts) => {
			const ids = (text: string) => shapeText(fonts.regular, text).map((g) => g.id);
			const face = fonts.regular.bengali.shaper;
			for (const conjunct of ['ক্ষ', 'ন্ত্র', 'স্ট']) expect(ids(conjunct)).toHaveLength(1);
			const ka = face.glyph(0x0995);
			// The vowel sign's glyph (the font picks a form that fits ক) comes first, then ক.
			for (const syllable of ['কি', 'কে', 'কৈ']) {
				expect(ids(syllable)).toHaveLength(2);
				expect(ids(syllable)[0]).not.toBe(ka);
				expect(ids(syllable)[1]).toBe(ka);
			}
			expect(ids('কি')[0]).toBe(face.glyph(0x09bf));
			// ো = ে before and া after ক.
			expect(ids('কো')).toEqual([ids('কে')[0], ka, face.glyph(0x09be)]);
		});
	});

	const bengaliCertificate: CertificatePdfInput = {
		holderName: 'কৌশিক ক্ষেত্রী',
		programmeTitle: 'ডোমেস্টিক ভয়েস কল হ্যান্ডলিং — স্তর ১',
		issuedAt: new Date('2026-03-01T10:00:00Z'),
		expiresAt: new Date('2027-03-01T10:00:00Z'),
		code: 'ABCDEFGHJKMNPQRSTVWXYZ0123',
		verifyUrl: 'https://callcraft.example/verify/ABCDEFGHJKMNPQRSTVWXYZ0123',
		status: 'revoked',
		now: new Date('2026-03-02T10:00:00Z'),
		language: 'bn'
	};

	it('prints a certificate in Bengali: labels from the Bengali messages, Bengali dates, text that copies back', async () => {
		const bytes = await renderCertificatePdf(bengaliCertificate);
		const { text, title, fonts, missingGlyphs } = await extractPdfText(bytes);
		const lines = text.split('\n');
		expect(lines).toContain('কৃতিত্বের সনদপত্র');
		expect(lines).toContain('কৌশিক ক্ষেত্রী');
		expect(lines).toContain('ডোমেস্টিক ভয়েস কল হ্যান্ডলিং — স্তর ১');
		expect(lines).toContain('প্রদানের তারিখ: ১ মার্চ ২০২৬');
		expect(lines).toContain('মেয়াদ: ১ মার্চ ২০২৭ পর্যন্ত');
		expect(lines).toContain(`সনদ কোড: ${bengaliCertificate.code}`);
		expect(lines).toContain('২ মার্চ ২০২৬ তারিখে অবস্থা: বাতিল');
		expect(lines).toContain(bengaliCertificate.verifyUrl);
		expect(title).toBe('সনদপত্র — ডোমেস্টিক ভয়েস কল হ্যান্ডলিং — স্তর ১ — কৌশিক ক্ষেত্রী');
		expect(missingGlyphs).toEqual([]);
		expect(fonts.some((f) => f.startsWith('NotoSansBengali-Bold'))).toBe(true);
		expect(fonts.some((f) => f.startsWith('DejaVuSans'))).toBe(true);
		expect(bytes.length).toBeLessThan(200_000);
	});

	it("draws the certificate holder's Bengali name as pango-view sets it", async () => {
		const bytes = await renderCertificatePdf(bengaliCertificate);
		// The holder line: baseline 378 pt from the bottom of the 595 pt page, 30 pt bold, centred.
		const line = rasterizePdf(bytes, DPI, { x: 40, y: 595 - 415, width: 762, height: 55 });
		const result = compareInk(line, reference(bengaliCertificate.holderName, true, 30));
		expect(Math.abs(result.size[0] - result.referenceSize[0])).toBeLessThanOrEqual(2);
		expect(result.mismatch).toBeLessThan(MAX_MISMATCH);
	});
});

// Text on PDFs drawn with pdf-lib, shaped by HarfBuzz so Bengali prints as it is read: conjuncts (ক্ষ, ন্ত্র),
// vowel signs before their consonant (কি, কে, কো) and marks in place. pdf-lib itself draws the glyphs its own
// font layout picks, one after another, which breaks Bengali; here each glyph is placed where HarfBuzz put it.
// Each drawn string is marked with /ActualText, so copying or extracting it gives the text, not the glyph order.

import * as hb from 'harfbuzzjs';
import {
	PDFHexString,
	PDFName,
	PDFOperator,
	PDFOperatorNames,
	beginText,
	endText,
	popGraphicsState,
	pushGraphicsState,
	setFillingColor,
	setFontAndSize,
	setTextMatrix,
	showText,
	type Color,
	type PDFFont,
	type PDFPage
} from 'pdf-lib';
import type { PdfFace, Script } from './pdf-fonts';

/** The faces of one weight: text is split into runs by script and each run shaped with its face. */
export type PdfTypeface = Record<Script, PdfFace>;

export interface PlacedGlyph {
	face: PdfFace;
	id: number;
	/** In em (multiply by the font size). */
	xAdvance: number;
	xOffset: number;
	yOffset: number;
	/** What the glyph stands for, for the font's ToUnicode map. */
	codePoints: number[];
}

const isBengali = (cp: number) => (cp >= 0x0980 && cp <= 0x09ff) || cp === 0x0964 || cp === 0x0965;
const JOINERS = new Set([0x200c, 0x200d]);

/**
 * Makes text drawable instead of throwing: characters neither font has (e.g. Chinese, Japanese or emoji) lose
 * their accents when that helps and otherwise become "?".
 */
export function drawableText(typeface: PdfTypeface, text: string): string {
	const has = (cp: number) => typeface.latin.covers.has(cp) || typeface.bengali.covers.has(cp) || JOINERS.has(cp);
	let out = '';
	for (const ch of text.normalize('NFC')) {
		if (has(ch.codePointAt(0)!)) {
			out += ch;
			continue;
		}
		const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
		out += base && [...base].every((c) => has(c.codePointAt(0)!)) ? base : '?';
	}
	return out;
}

/** Splits drawable text into runs of one script; white space and joiners stay with the run they are in. */
function itemize(typeface: PdfTypeface, text: string): { script: Script; text: string }[] {
	const runs: { script: Script; text: string }[] = [];
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		const neutral = /\s/.test(ch) || JOINERS.has(cp);
		const last = runs.at(-1);
		const script: Script | undefined = neutral
			? last?.script
			: isBengali(cp) || !typeface.latin.covers.has(cp)
				? 'bengali'
				: 'latin';
		if (last && (script === undefined || script === last.script)) last.text += ch;
		else runs.push({ script: script ?? 'latin', text: ch });
	}
	return runs;
}

function shapeRun(face: PdfFace, text: string): PlacedGlyph[] {
	const buffer = new hb.Buffer();
	buffer.addText(text);
	buffer.guessSegmentProperties();
	if (face.script === 'bengali') buffer.setLanguage('bn');
	hb.shape(face.shaper, buffer);
	const shaped = buffer.getGlyphInfosAndPositions();
	// Clusters are UTF-16 offsets into the run; a cluster's text goes to its first glyph when the font's cmap
	// does not say what a glyph is (a conjunct, a reordered vowel sign).
	const starts = [...new Set(shaped.map((g) => g.cluster))].sort((a, b) => a - b);
	const clusterText = (c: number) => text.slice(c, starts[starts.indexOf(c) + 1] ?? text.length);
	const seen = new Set<number>();
	return shaped.map((g) => {
		const first = !seen.has(g.cluster);
		seen.add(g.cluster);
		const codePoints =
			face.cmapCodePoints.get(g.codepoint) ?? (first ? [...clusterText(g.cluster)].map((c) => c.codePointAt(0)!) : [0x200b]);
		const em = face.unitsPerEm;
		return {
			face,
			id: g.codepoint,
			xAdvance: (g.xAdvance ?? 0) / em,
			xOffset: (g.xOffset ?? 0) / em,
			yOffset: (g.yOffset ?? 0) / em,
			codePoints
		};
	});
}

/** Shapes drawable text (see drawableText) into glyphs placed left to right. */
export function shapeText(typeface: PdfTypeface, text: string): PlacedGlyph[] {
	return itemize(typeface, text).flatMap((run) => shapeRun(typeface[run.script], run.text));
}

export function textWidth(typeface: PdfTypeface, text: string, size: number): number {
	return shapeText(typeface, text).reduce((sum, g) => sum + g.xAdvance, 0) * size;
}

// pdf-lib's subset embedder only learns glyphs through its own text layout; shaped glyphs are added the same
// way it adds them (subset, width, ToUnicode). pdf-lib is pinned, and the PDF tests fail if this ever changes.
interface SubsetEmbedder {
	subset: { includeGlyph(id: number): number };
	glyphs: { id: number; codePoints: number[]; advanceWidth: number }[];
	glyphIdMap: Map<number, number>;
	glyphCache: { invalidate(): void };
}

function subsetGlyphId(glyph: PlacedGlyph): number {
	const embedder = (glyph.face.pdf as unknown as { embedder: SubsetEmbedder }).embedder;
	if (!(embedder?.glyphIdMap instanceof Map) || typeof embedder.subset?.includeGlyph !== 'function') {
		throw new Error('pdf-lib no longer embeds fonts the way pdf-text.ts expects (CustomFontSubsetEmbedder)');
	}
	let id = embedder.glyphIdMap.get(glyph.id);
	if (id === undefined) {
		id = embedder.subset.includeGlyph(glyph.id);
		embedder.glyphs[id - 1] = { id: glyph.id, codePoints: glyph.codePoints, advanceWidth: glyph.face.shaper.glyphHAdvance(glyph.id) };
		embedder.glyphIdMap.set(glyph.id, id);
		embedder.glyphCache.invalidate();
	}
	return id;
}

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();
function fontKey(page: PDFPage, font: PDFFont): PDFName {
	let keys = fontKeys.get(page);
	if (!keys) fontKeys.set(page, (keys = new Map()));
	let key = keys.get(font);
	if (!key) keys.set(font, (key = page.node.newFontDictionary(font.name, font.ref)));
	return key;
}

export interface TextStyle {
	x: number;
	y: number;
	size: number;
	color: Color;
}

/** Draws drawable text with its baseline starting at (x, y). */
export function drawText(page: PDFPage, typeface: PdfTypeface, text: string, style: TextStyle): void {
	drawGlyphs(page, text, shapeText(typeface, text), style);
}

/** Draws placed glyphs, marked as standing for `text` (what copying or extracting them gives). */
export function drawGlyphs(page: PDFPage, text: string, glyphs: PlacedGlyph[], style: TextStyle): void {
	// An inline property list; pdf-lib's operator type has no dictionary operand, so it is written as text.
	const actualText = `<< /ActualText ${PDFHexString.fromText(text).toString()} >>`;
	const ops = [
		pushGraphicsState(),
		setFillingColor(style.color),
		PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), actualText]),
		beginText()
	];
	let pen = style.x;
	let face: PdfFace | undefined;
	for (const glyph of glyphs) {
		if (glyph.face !== face) ops.push(setFontAndSize(fontKey(page, (face = glyph.face).pdf), style.size));
		const id = subsetGlyphId(glyph);
		ops.push(
			setTextMatrix(1, 0, 0, 1, round(pen + glyph.xOffset * style.size), round(style.y + glyph.yOffset * style.size)),
			showText(PDFHexString.of(id.toString(16).padStart(4, '0')))
		);
		pen += glyph.xAdvance * style.size;
	}
	ops.push(endText(), PDFOperator.of(PDFOperatorNames.EndMarkedContent), popGraphicsState());
	page.pushOperators(...ops);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Splits text into lines that fit maxWidth at the given size. */
export function wrapText(typeface: PdfTypeface, text: string, size: number, maxWidth: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && textWidth(typeface, candidate, size) > maxWidth) {
			lines.push(line);
			line = word;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Shortens text with "…" until it fits maxWidth, cutting between whole letters (never inside a conjunct's parts). */
export function fitText(typeface: PdfTypeface, text: string, size: number, maxWidth: number): string {
	if (textWidth(typeface, text, size) <= maxWidth) return text;
	const parts = [...graphemes.segment(text)].map((s) => s.segment);
	while (parts.length > 1) {
		parts.pop();
		const candidate = parts.join('').trimEnd() + '…';
		if (textWidth(typeface, candidate, size) <= maxWidth) return candidate;
	}
	return parts.join('');
}

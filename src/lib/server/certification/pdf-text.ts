// Text helpers for PDFs drawn with pdf-lib: characters a font lacks, and line wrapping.

import type { PDFFont } from 'pdf-lib';

const characterSets = new WeakMap<PDFFont, Set<number>>();

function characterSet(font: PDFFont): Set<number> {
	let set = characterSets.get(font);
	if (!set) characterSets.set(font, (set = new Set(font.getCharacterSet())));
	return set;
}

/**
 * Makes text drawable with `font` instead of throwing: characters the font lacks (with DejaVu Sans,
 * e.g. Chinese, Japanese or emoji) lose their accents when that helps and otherwise become "?".
 */
export function drawableText(font: PDFFont, text: string): string {
	const supported = characterSet(font);
	let out = '';
	for (const ch of text.normalize('NFC')) {
		const cp = ch.codePointAt(0)!;
		if (supported.has(cp)) {
			out += ch;
			continue;
		}
		const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
		out += [...base].every((c) => supported.has(c.codePointAt(0)!)) && base ? base : '?';
	}
	return out;
}

/** Splits text into lines that fit maxWidth at the given size. */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
			lines.push(line);
			line = word;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}

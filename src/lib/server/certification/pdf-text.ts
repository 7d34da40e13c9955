// Text helpers for PDFs drawn with pdf-lib's standard fonts, which only know WinAnsi (Windows-1252).

import type { PDFFont } from 'pdf-lib';

/**
 * Makes text drawable with a standard font: characters outside WinAnsi lose their accents when
 * that helps (Ł → L is not possible, ő → o is) and otherwise become "?", instead of throwing.
 */
export function drawableText(font: PDFFont, text: string): string {
	const supported = new Set(font.getCharacterSet());
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

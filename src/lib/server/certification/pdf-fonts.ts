// The fonts of generated PDFs: DejaVu Sans from fonts/ (read from the working directory, like content/),
// embedded as subsets, so names in Latin, Greek and Cyrillic script print as written.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

export interface PdfFonts {
	regular: PDFFont;
	bold: PDFFont;
}

let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;

function readFont(file: string): Uint8Array {
	const path = resolve('fonts', file);
	try {
		return readFileSync(path);
	} catch (cause) {
		throw new Error(`PDF font missing: ${path}. The server reads fonts/ from its working directory.`, { cause });
	}
}

// pdf-lib parses the font again for every document; the first layout of a parsed font reads its
// OpenType tables (~30 ms each), so one parsed font per file is shared by all documents.
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const sharedFontkit = {
	create(data: Uint8Array) {
		let font = parsedFonts.get(data);
		if (!font) parsedFonts.set(data, (font = fontkit.create(data)));
		return font;
	}
};

/** Embeds the regular and bold faces in `doc`; only the glyphs drawn end up in the file. */
export async function embedPdfFonts(doc: PDFDocument): Promise<PdfFonts> {
	fontBytes ??= { regular: readFont(FONT_FILES.regular), bold: readFont(FONT_FILES.bold) };
	doc.registerFontkit(sharedFontkit);
	return {
		regular: await doc.embedFont(fontBytes.regular, { subset: true }),
		bold: await doc.embedFont(fontBytes.bold, { subset: true })
	};
}

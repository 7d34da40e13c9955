// The fonts of generated PDFs, from fonts/ (read from the working directory, like content/): DejaVu Sans for
// Latin, Greek and Cyrillic, Noto Sans Bengali for Bengali. Each is embedded as a subset and shaped by HarfBuzz.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import * as hb from 'harfbuzzjs';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const FONT_FILES = {
	latin: { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
	bengali: { regular: 'NotoSansBengali-Regular.ttf', bold: 'NotoSansBengali-Bold.ttf' }
} as const;

export type Script = keyof typeof FONT_FILES;
export type Weight = 'regular' | 'bold';

/** One face of one font file: the HarfBuzz font that shapes text, and the subset embedded in one PDF. */
export interface PdfFace {
	script: Script;
	pdf: PDFFont;
	shaper: hb.Font;
	unitsPerEm: number;
	/** Code points the font has a glyph for. */
	covers: Set<number>;
	/** glyph id → the code points that map to it in the font's cmap (for copy and paste). */
	cmapCodePoints: Map<number, number[]>;
}

export type PdfFonts = Record<Weight, Record<Script, PdfFace>>;

interface LoadedFont {
	bytes: Uint8Array;
	shaper: hb.Font;
	unitsPerEm: number;
	covers: Set<number>;
	cmapCodePoints: Map<number, number[]>;
}

const loaded = new Map<string, LoadedFont>();

function loadFont(file: string): LoadedFont {
	let font = loaded.get(file);
	if (font) return font;
	const path = resolve('fonts', file);
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(path);
	} catch (cause) {
		throw new Error(`PDF font missing: ${path}. The server reads fonts/ from its working directory.`, { cause });
	}
	const face = new hb.Face(new hb.Blob(bytes), 0);
	const covers = new Set<number>(face.collectUnicodes());
	const parsed = sharedFontkit.create(bytes);
	const cmapCodePoints = new Map<number, number[]>();
	for (const cp of covers) {
		const id = parsed.glyphForCodePoint(cp).id;
		cmapCodePoints.set(id, [...(cmapCodePoints.get(id) ?? []), cp]);
	}
	font = { bytes, shaper: new hb.Font(face), unitsPerEm: face.upem, covers, cmapCodePoints };
	loaded.set(file, font);
	return font;
}

// pdf-lib parses the font again for every document; the first use of a parsed font reads its tables
// (~30 ms each), so one parsed font per file is shared by all documents.
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const sharedFontkit = {
	create(data: Uint8Array) {
		let font = parsedFonts.get(data);
		if (!font) parsedFonts.set(data, (font = fontkit.create(data)));
		return font;
	}
};

/** Embeds the four faces in `doc`; only the glyphs drawn end up in the file. */
export async function embedPdfFonts(doc: PDFDocument): Promise<PdfFonts> {
	doc.registerFontkit(sharedFontkit);
	const face = async (script: Script, weight: Weight): Promise<PdfFace> => {
		const { bytes, ...font } = loadFont(FONT_FILES[script][weight]);
		return { script, pdf: await doc.embedFont(bytes, { subset: true }), ...font };
	};
	return {
		regular: { latin: await face('latin', 'regular'), bengali: await face('bengali', 'regular') },
		bold: { latin: await face('latin', 'bold'), bengali: await face('bengali', 'bold') }
	};
}

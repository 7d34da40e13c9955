// Text people type that others see (names, titles, comments): normalised to NFC, and refused when it holds control
// characters, bidirectional overrides (U+202E "right-to-left override" makes "gpj.exe" read as "exe.jpg") or lone
// surrogates (not Unicode text at all). The CSV export neutralises the same characters in what was stored earlier.
import { z } from 'zod';
import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';
import type { SchemaMessage } from './number';

/** C0/C1 controls other than tab, line feed and carriage return; directional marks, embeddings, overrides, isolates. */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAKS = /[\t\n\r]/;

/** The problem with `text` for a one-line (`multiline` false) or multi-line field, or null when it is fine (in the reader's language). */
export function unsafeTextProblem(text: string, multiline = false): string | null {
	if (!text.isWellFormed()) return m.text_not_unicode();
	if (UNSAFE.test(text) || (!multiline && LINE_BREAKS.test(text))) return m.text_unsafe();
	return null;
}

/**
 * A typed name or title: trimmed, NFC-normalised, `min`..`max` characters, no control or bidi-override characters.
 * `multiline` allows line breaks and tabs (comments, descriptions).
 */
export function displayText(opts: { min?: number; max: number; minMessage?: SchemaMessage; maxMessage?: SchemaMessage; multiline?: boolean }) {
	return z
		.string()
		.transform((s) => (s.isWellFormed() ? s.normalize('NFC') : s).trim())
		.superRefine((s, ctx) => {
			const problem = unsafeTextProblem(s, opts.multiline);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		})
		.pipe(
			z
				.string()
				.min(opts.min ?? 0, opts.minMessage === undefined ? { error: () => m.form_min_chars({ min: formatInteger(opts.min ?? 0) }) } : { error: opts.minMessage })
				.max(opts.max, { error: opts.maxMessage ?? (() => m.form_max_chars({ max: formatInteger(opts.max) })) })
		);
}

const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** For export: every control/bidi character and lone surrogate replaced by a visible `<U+XXXX>`. */
export function neutraliseText(text: string): string {
	// Most cells have none of these: returned as they are (an export neutralises every cell of thousands of rows).
	if (text.isWellFormed() && !UNSAFE.test(text) && !text.includes('\uFFFD')) return text;
	return text
		.toWellFormed()
		.replace(UNSAFE_ALL, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
		.replace(/\uFFFD/g, '<U+FFFD>');
}

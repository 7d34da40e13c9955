// Text people type that others see (names, titles, comments): normalised to NFC, and refused when it holds control
// characters, bidirectional overrides (U+202E "right-to-left override" makes "gpj.exe" read as "exe.jpg") or lone
// surrogates (not Unicode text at all). The CSV export neutralises the same characters in what was stored earlier.
import { z } from 'zod';

/** C0/C1 controls other than tab, line feed and carriage return; directional marks, embeddings, overrides, isolates. */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAKS = /[\t\n\r]/;

export const UNSAFE_TEXT_MESSAGE = 'Remove control characters and text-direction overrides.';

/** The problem with `text` for a one-line (`multiline` false) or multi-line field, or null when it is fine. */
export function unsafeTextProblem(text: string, multiline = false): string | null {
	if (!text.isWellFormed()) return 'This text holds characters that are not valid Unicode.';
	if (UNSAFE.test(text) || (!multiline && LINE_BREAKS.test(text))) return UNSAFE_TEXT_MESSAGE;
	return null;
}

/**
 * A typed name or title: trimmed, NFC-normalised, `min`..`max` characters, no control or bidi-override characters.
 * `multiline` allows line breaks and tabs (comments, descriptions).
 */
export function displayText(opts: { min?: number; max: number; minMessage?: string; maxMessage?: string; multiline?: boolean }) {
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
				.min(opts.min ?? 0, opts.minMessage)
				.max(opts.max, opts.maxMessage ?? `Use at most ${opts.max} characters.`)
		);
}

/** For export: every control/bidi character and lone surrogate replaced by a visible `<U+XXXX>`. */
export function neutraliseText(text: string): string {
	return text
		.toWellFormed()
		.replace(new RegExp(UNSAFE.source, 'g'), (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
		.replace(/\uFFFD/g, '<U+FFFD>');
}

// Finds template and placeholder text left in content a trainer is about to publish: the starter text the editors
// put into a new course, lesson or scenario, and the usual markers (TODO, TBD, lorem ipsum). Publishing such
// content asks the trainer to confirm first.

export type PlaceholderHit = { file: string; line: number; text: string };

/** Markers that mean "not written yet" in any content. */
const MARKERS: RegExp[] = [/\blorem ipsum\b/i, /\bTODO\b/, /\bTBD\b/, /\bFIXME\b/, /\[Write here\b/i];

/** Every line of `files` that still holds one of `starters` (exact starter sentences) or a marker. */
export function findPlaceholderText(files: Record<string, string>, starters: readonly string[]): PlaceholderHit[] {
	const hits: PlaceholderHit[] = [];
	for (const [file, source] of Object.entries(files)) {
		source.split(/\r\n?|\n/).forEach((text, i) => {
			const found = starters.find((s) => text.includes(s)) ?? MARKERS.map((m) => m.exec(text)?.[0]).find(Boolean);
			if (found) hits.push({ file, line: i + 1, text: found });
		});
	}
	return hits;
}

/** One line per hit for a message: `01-introduction.md:6: "Write the lesson here."`. */
export function describePlaceholders(hits: PlaceholderHit[]): string[] {
	return hits.map((h) => `${h.file}:${h.line}: “${h.text}”`);
}

// Statements prepared on first use: the build imports server modules without a migrated database.
const made = new Set<{ value?: unknown }>();

export function lazy<T>(make: () => T): () => T {
	const slot: { value?: T } = {};
	made.add(slot);
	return () => (slot.value ??= make());
}

/**
 * Forget every value made so far, so each is made again on its next use (tests that watch `sqlite.prepare` see the
 * prepared statements prepared again while they watch; see clearStatementCache).
 */
export function forgetLazyValues(): void {
	for (const slot of made) delete slot.value;
}

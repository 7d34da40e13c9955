// Statements prepared on first use: the build imports server modules without a migrated database.
export function lazy<T>(make: () => T): () => T {
	let value: T | undefined;
	return () => (value ??= make());
}

// HTTP Range requests (RFC 9110 §14) for served files: one byte range per request; several ranges are answered with
// the whole body, which the RFC allows.

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** The inclusive byte range a `Range` header asks for in a body of `size` bytes; null = send the whole body. */
export function parseByteRange(header: string | null, size: number): ByteRange {
	if (!header) return null;
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return null; // not a single byte range: ignore it (the whole body)
	if (m[1] === '') {
		const suffix = Number(m[2]);
		if (suffix === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(m[1]);
	const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	if (start >= size || end < start) return 'unsatisfiable';
	return { start, end };
}

/** Status and headers of an answer to `range` for a body of `size` bytes. */
export function rangeHeaders(range: ByteRange, size: number, type: string): { status: 200 | 206 | 416; headers: Record<string, string> } {
	const base = { 'content-type': type, 'accept-ranges': 'bytes' };
	if (range === 'unsatisfiable') return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` } };
	if (range === null) return { status: 200, headers: { ...base, 'content-length': String(size) } };
	return {
		status: 206,
		headers: { ...base, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${size}` }
	};
}

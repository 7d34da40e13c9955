// A small line diff (longest common subsequence) for comparing course versions in the browser.
// Good enough for lesson-sized files; falls back to "all removed, all added" for huge inputs.

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string; oldLine?: number; newLine?: number };

const MAX_CELLS = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
	const a = before === '' ? [] : before.replace(/\r\n?/g, '\n').split('\n');
	const b = after === '' ? [] : after.replace(/\r\n?/g, '\n').split('\n');

	// Trim the common head and tail first: most edits touch a few lines in the middle.
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

	const out: DiffLine[] = [];
	for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: i + 1 });

	const midA = a.slice(head, a.length - tail);
	const midB = b.slice(head, b.length - tail);
	const n = midA.length;
	const m = midB.length;
	if (n * m > MAX_CELLS) {
		midA.forEach((text, i) => out.push({ kind: 'removed', text, oldLine: head + i + 1 }));
		midB.forEach((text, j) => out.push({ kind: 'added', text, newLine: head + j + 1 }));
	} else {
		// lcs[i][j] = length of the LCS of midA[i..] and midB[j..]
		const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
		for (let i = n - 1; i >= 0; i--) {
			for (let j = m - 1; j >= 0; j--) {
				lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
			}
		}
		let i = 0;
		let j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && midA[i] === midB[j]) {
				out.push({ kind: 'same', text: midA[i], oldLine: head + i + 1, newLine: head + j + 1 });
				i++;
				j++;
			} else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
				out.push({ kind: 'removed', text: midA[i], oldLine: head + i + 1 });
				i++;
			} else {
				out.push({ kind: 'added', text: midB[j], newLine: head + j + 1 });
				j++;
			}
		}
	}
	for (let k = tail; k > 0; k--) {
		out.push({ kind: 'same', text: a[a.length - k], oldLine: a.length - k + 1, newLine: b.length - k + 1 });
	}
	return out;
}

/** Applies a diff's "after" side: reconstructs the new text (used by tests to prove correctness). */
export function applyDiff(diff: DiffLine[]): { before: string; after: string } {
	return {
		before: diff.filter((d) => d.kind !== 'added').map((d) => d.text).join('\n'),
		after: diff.filter((d) => d.kind !== 'removed').map((d) => d.text).join('\n')
	};
}

/** A run of unchanged lines left out of a shown diff. */
export type DiffGap = { kind: 'gap' };

/**
 * The lines a diff view shows: every added or removed line with one unchanged line of context on each side, and the
 * file's first and last lines; each run of unchanged lines left out becomes one gap. The version history sends only these, not
 * every line of a long file that changed in one place.
 */
export function shownDiff(diff: readonly DiffLine[]): (DiffLine | DiffGap)[] {
	const out: (DiffLine | DiffGap)[] = [];
	diff.forEach((l, i) => {
		if (l.kind !== 'same' || diff[i - 1]?.kind !== 'same' || diff[i + 1]?.kind !== 'same') out.push(l);
		else if (diff[i - 2]?.kind !== 'same') out.push({ kind: 'gap' });
	});
	return out;
}

import { describe, expect, it } from 'vitest';
import { applyDiff, diffLines } from './line-diff';

const kinds = (before: string, after: string) =>
	diffLines(before, after).map((d) => `${d.kind === 'same' ? ' ' : d.kind === 'added' ? '+' : '-'}${d.text}`);

describe('diffLines', () => {
	it.each([
		['identical text', 'a\nb', 'a\nb', [' a', ' b']],
		['one line changed', 'a\nb\nc', 'a\nB\nc', [' a', '-b', '+B', ' c']],
		['line added at the end', 'a\nb', 'a\nb\nc', [' a', ' b', '+c']],
		['line removed at the start', 'a\nb\nc', 'b\nc', ['-a', ' b', ' c']],
		['from empty', '', 'x\ny', ['+x', '+y']],
		['to empty', 'x', '', ['-x']],
		['moved line', 'a\nb\nc', 'b\nc\na', ['-a', ' b', ' c', '+a']]
	])('%s', (_name, before, after, expected) => {
		expect(kinds(before, after)).toEqual(expected);
	});

	it('numbers lines on both sides', () => {
		const d = diffLines('a\nb\nc', 'a\nx\nb\nc');
		expect(d.find((l) => l.kind === 'added')).toEqual({ kind: 'added', text: 'x', newLine: 2 });
		expect(d.at(-1)).toEqual({ kind: 'same', text: 'c', oldLine: 3, newLine: 4 });
	});

	it('always reconstructs both texts', () => {
		const before = Array.from({ length: 60 }, (_, i) => `line ${i % 7} ${i % 3}`).join('\n');
		const after = before.split('\n').filter((_, i) => i % 5 !== 0).concat(['new end']).join('\n');
		expect(applyDiff(diffLines(before, after))).toEqual({ before, after });
	});
});

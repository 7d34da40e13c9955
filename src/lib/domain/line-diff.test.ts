import { describe, expect, it } from 'vitest';
import { applyDiff, diffLines, shownDiff } from './line-diff';

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

describe('shownDiff', () => {
	const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${i + from}`);
	it('keeps the changes with one line of context each side and the first and last lines; each left-out run is one gap', () => {
		const before = lines(20).join('\n');
		const after = [...lines(9), 'changed 10', ...lines(10, 11)].join('\n');
		const shown = shownDiff(diffLines(before, after));
		expect(shown.map((l) => (l.kind === 'gap' ? '⋯' : `${l.kind[0]} ${l.text}`))).toEqual([
			's line 1',
			'⋯',
			's line 9',
			'r line 10',
			'a changed 10',
			's line 11',
			'⋯',
			's line 20'
		]);
	});
	it('shows every line when nothing is unchanged, and nothing for an empty diff', () => {
		expect(shownDiff(diffLines('', 'a\nb\nc')).map((l) => l.kind)).toEqual(['added', 'added', 'added']);
		expect(shownDiff([])).toEqual([]);
	});
	it('leaves out a single unchanged line between two changes as a gap of its own', () => {
		const before = lines(9).join('\n');
		const after = ['x', 'line 2', 'line 3', 'line 4', 'y', ...lines(4, 6)].join('\n');
		const shown = shownDiff(diffLines(before, after));
		expect(shown.map((l) => (l.kind === 'gap' ? '⋯' : `${l.kind[0]} ${l.text}`))).toEqual([
			'r line 1',
			'a x',
			's line 2',
			'⋯',
			's line 4',
			'r line 5',
			'a y',
			's line 6',
			'⋯',
			's line 9'
		]);
	});
});

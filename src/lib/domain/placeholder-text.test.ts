import { describe, expect, it } from 'vitest';
import { describePlaceholders, findPlaceholderText } from './placeholder-text';

describe('findPlaceholderText', () => {
	const starters = ['Write the lesson here.', 'One or two sentences shown in the catalogue.'];

	it('finds starter sentences and the usual markers with file and line', () => {
		const hits = findPlaceholderText(
			{
				'course.md': '---\ntitle: Refunds\nsummary: One or two sentences shown in the catalogue.\n---\nIntro.\n',
				'01-intro.md': '---\ntitle: Intro\n---\n## Intro\n\nWrite the lesson here. Use headings.\n\nTODO: add the refund table\nLorem ipsum dolor.\n'
			},
			starters
		);
		expect(describePlaceholders(hits)).toEqual([
			'course.md:3: “One or two sentences shown in the catalogue.”',
			'01-intro.md:6: “Write the lesson here.”',
			'01-intro.md:8: “TODO”',
			'01-intro.md:9: “Lorem ipsum”'
		]);
	});

	it('leaves finished text alone, including words that only contain a marker', () => {
		expect(findPlaceholderText({ 'a.md': 'Todo lists help. A TBDx code. Write the ticket here.\n' }, starters)).toEqual([]);
	});
});

// Knowledge-base search: every query word must appear in an article's title, tags or summary.

export interface KbEntry {
	id: string;
	title: string;
	summary: string;
	tags: string[];
}

export function searchKb<A extends KbEntry>(articles: readonly A[], query: string): A[] {
	const words = query.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 2);
	if (words.length === 0) return [...articles];
	return articles.filter((a) => {
		const hay = `${a.title} ${a.tags.join(' ')} ${a.summary}`.toLowerCase();
		return words.every((w) => hay.includes(w));
	});
}

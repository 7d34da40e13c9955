import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMarkdownToHtml } from './markdown';

const html = (md: string) => renderMarkdownToHtml(md);

// Payloads an author (or an imported zip) could put into a lesson, in Markdown and in raw HTML.
const XSS_PAYLOADS = [
	'<script>alert(1)</script>',
	'<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
	'<img src=x onerror=alert(1)>',
	'<img src="javascript:alert(1)">',
	'<svg onload=alert(1)><circle r="1"/></svg>',
	'<iframe src="https://evil.example"></iframe>',
	'<iframe srcdoc="<script>alert(1)</script>"></iframe>',
	'<a href="javascript:alert(1)">click</a>',
	'<a href="JaVaScRiPt:alert(1)">click</a>',
	'<a href="jav&#x09;ascript:alert(1)">click</a>',
	'<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
	'<a href="vbscript:msgbox(1)">click</a>',
	'<div onclick="alert(1)">hi</div>',
	'<p style="background:url(javascript:alert(1))">styled</p>',
	'<object data="evil.swf"></object>',
	'<embed src="evil.swf">',
	'<form action="https://evil.example"><input type="text" name="q"><button>go</button></form>',
	'<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
	'<body onload=alert(1)>',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'<link rel="stylesheet" href="https://evil.example/x.css">',
	'<style>body{display:none}</style>',
	'<base href="https://evil.example/">',
	'<details open ontoggle=alert(1)><summary>x</summary></details>',
	'<input type="image" src=x onerror=alert(1)>',
	'[click](javascript:alert(1))',
	'[click](JAVASCRIPT:alert(1))',
	'[click](  javascript:alert(1))',
	'[click](data:text/html,<script>alert(1)</script>)',
	'![img](javascript:alert(1))',
	'![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
	'[ref]: javascript:alert(1)\n\n[link][ref]',
	'<http://example.com/"onmouseover="alert(1)>',
	'**bold<img src=x onerror=alert(1)>**',
	'# Heading <img src=x onerror=alert(1)>',
	'| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |',
	'```html\n<script>alert(1)</script>\n```',
	'<a href="#" onmouseover="alert(1)">hover</a>',
	'<scr<script>ipt>alert(1)</scr</script>ipt>',
	'<!-- <script>alert(1)</script> -->',
	'<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
	'<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>'
];

function assertHarmless(out: string) {
	const lower = out.toLowerCase();
	expect(lower).not.toMatch(/<script/);
	expect(lower).not.toMatch(/<iframe|<object|<embed|<svg|<math|<form|<meta|<link|<style|<base|<body/);
	// No event handler attributes on any element.
	expect(lower).not.toMatch(/<[^>]+\son[a-z]+\s*=/);
	expect(lower).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|data|vbscript):/);
	expect(lower).not.toMatch(/style\s*=/);
}

describe('renderMarkdown sanitizing', () => {
	it.each(XSS_PAYLOADS)('renders harmlessly: %s', (payload) => {
		assertHarmless(html(payload));
		assertHarmless(html(`Some text\n\n${payload}\n\nmore text`));
	});

	it('keeps the visible text of a stripped link', () => {
		expect(html('[click](javascript:alert(1))')).toContain('click');
	});

	it('shows code samples as escaped text', () => {
		const out = html('```html\n<script>alert(1)</script>\n```');
		expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(out).toContain('class="language-html"');
	});
});

describe('renderMarkdown features', () => {
	it('gives headings stable anchors and de-duplicates them', () => {
		const r = renderMarkdown('# Call phases\n\n## Before the call\n\n## Before the call');
		expect(r.headings.map((h) => h.id)).toEqual([
			'h-call-phases',
			'h-before-the-call',
			'h-before-the-call-1'
		]);
		const out = r.segments.map((s) => (s.kind === 'html' ? s.html : '')).join('');
		expect(out).toContain('<h2 id="h-before-the-call">Before the call <a class="heading-anchor" href="#h-before-the-call"');
	});

	it('wraps tables so they scroll on small screens', () => {
		const out = html('| Field | Example |\n|---|---|\n| Meeting date | 3 May |');
		expect(out).toMatch(/<div class="table-wrap"><table>/);
		expect(out).toContain('<td>Meeting date</td>');
	});

	it('opens external links safely in a new tab', () => {
		expect(html('[docs](https://example.com)')).toContain(
			'<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">docs</a>'
		);
	});

	it('turns quiz blocks into slots without leaking their YAML', () => {
		const md = 'Intro\n\n```quiz\nquestions:\n  - id: a\n    type: truefalse\n    prompt: P\n    answer: true\n    explanation: E\n```\n\nMiddle\n\n```quiz\nquestions: []\n```\n';
		const r = renderMarkdown(md);
		expect(r.segments.map((s) => s.kind)).toEqual(['html', 'quiz', 'html', 'quiz']);
		expect(r.segments.filter((s) => s.kind === 'quiz').map((s) => (s as { index: number }).index)).toEqual([0, 1]);
		const all = JSON.stringify(r.segments);
		expect(all).not.toContain('answer');
		expect(all).not.toContain('explanation');
	});

	it('does not let an author fake a quiz slot', () => {
		const r = renderMarkdown('QUIZSLOTdeadbeefdeadbeef:0\n\n<p>QUIZSLOT:1</p>');
		expect(r.segments.every((s) => s.kind === 'html')).toBe(true);
	});
});

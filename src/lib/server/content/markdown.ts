// Server-side Markdown rendering for lessons and the authoring preview: `marked`, then an allow-list
// sanitizer. ```quiz blocks become slots the page fills with quiz components (never their answers).
import { randomBytes } from 'node:crypto';
import { Marked, Renderer, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { checkMarkdown, LIMITS, violation, type LimitViolation } from '../../schemas/limits';

export type RenderedSegment = { kind: 'html'; html: string } | { kind: 'quiz'; index: number };

export type RenderedMarkdown = {
	/** HTML and quiz slots in document order; quiz `index` counts ```quiz blocks from 0. */
	segments: RenderedSegment[];
	headings: { depth: number; text: string; id: string }[];
	/** Set when the text passes an input or output limit: nothing is rendered and pages show this in a panel. */
	error?: LimitViolation;
};

function refused(error: LimitViolation): RenderedMarkdown {
	return { segments: [], headings: [], error };
}

const ALLOWED_TAGS = [
	'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp',
	'strong', 'b', 'em', 'i', 'del', 's', 'ins', 'mark', 'sub', 'sup', 'small', 'abbr',
	'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'span', 'div',
	'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'details', 'summary', 'input'
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: ALLOWED_TAGS,
	allowedAttributes: {
		a: ['href', 'title', 'class', 'aria-label', 'rel', 'target'],
		img: ['src', 'alt', 'title', 'width', 'height'],
		code: ['class'],
		pre: ['class'],
		div: ['class'],
		span: ['class'],
		h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
		th: ['align', 'scope'],
		td: ['align'],
		ol: ['start'],
		abbr: ['title'],
		input: ['type', 'checked', 'disabled']
	},
	allowedClasses: {
		a: ['heading-anchor'],
		code: [/^language-[a-z0-9+#-]+$/],
		pre: ['code-block'],
		div: ['table-wrap'],
		span: []
	},
	// No javascript:, data:, vbscript: … anywhere, including images.
	allowedSchemes: ['http', 'https', 'mailto', 'tel'],
	allowedSchemesByTag: { img: ['http', 'https'] },
	allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
	transformTags: {
		a: (tagName, attribs) => {
			const href = attribs.href ?? '';
			const external = /^https?:/i.test(href);
			return {
				tagName,
				attribs: external
					? { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' }
					: { ...attribs, rel: '', target: '' }
			};
		},
		input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: 'disabled' } })
	}
};

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** GitHub-style heading id. Prefixed so an author's heading can never clobber a page global. */
export function headingId(text: string): string {
	const slug = text
		.toLowerCase()
		.replace(/<[^>]*>/g, '')
		.replace(/&[a-z0-9#]+;/g, '')
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.trim()
		.replace(/\s+/g, '-');
	return `h-${slug || 'section'}`;
}

/** Renders lesson Markdown to sanitized HTML segments plus quiz slots. */
export function renderMarkdown(source: string): RenderedMarkdown {
	const text = source.replace(/\r\n?/g, '\n');
	const tooBig = checkMarkdown(text);
	if (tooBig) return refused(tooBig);
	// A per-render nonce marks quiz slots, so nothing an author writes can fake or break a slot.
	const nonce = randomBytes(8).toString('hex');
	const slotPattern = new RegExp(`<p>QUIZSLOT${nonce}:(\\d+)</p>`, 'g');
	let quizCount = 0;
	const headings: RenderedMarkdown['headings'] = [];
	const usedIds = new Map<string, number>();

	const marked = new Marked({ gfm: true, breaks: false, async: false });
	marked.use({
		renderer: {
			code(token: Tokens.Code) {
				if ((token.lang ?? '').trim() === 'quiz') return `<p>QUIZSLOT${nonce}:${quizCount++}</p>\n`;
				const lang = (token.lang ?? '').trim().split(/\s+/)[0].toLowerCase();
				const cls = /^[a-z0-9+#-]+$/.test(lang) ? ` class="language-${lang}"` : '';
				return `<pre class="code-block"><code${cls}>${escapeHtml(token.text)}</code></pre>\n`;
			},
			heading(this: Renderer, token: Tokens.Heading) {
				const inner = this.parser.parseInline(token.tokens);
				let id = headingId(token.text);
				const seen = usedIds.get(id) ?? 0;
				usedIds.set(id, seen + 1);
				if (seen > 0) id = `${id}-${seen}`;
				// plain text for a table of contents: raw HTML in a heading is not text (and must never reach a page as HTML)
				headings.push({ depth: token.depth, text: token.text.replace(/<[^>]*>?/g, '').trim(), id });
				return `<h${token.depth} id="${id}">${inner} <a class="heading-anchor" href="#${id}" aria-label="Link to this section">#</a></h${token.depth}>\n`;
			},
			table(this: Renderer, token: Tokens.Table) {
				// Default table rendering, wrapped so wide tables scroll on small screens.
				return `<div class="table-wrap">${Renderer.prototype.table.call(this, token)}</div>\n`;
			}
		}
	});

	let raw: string;
	try {
		raw = marked.parse(text) as string;
	} catch {
		// marked throws on what it cannot parse (deep inline nesting overflows its stack)
		return refused(violation('markdownNesting', 1, { reason: 'parser' }));
	}
	if (raw.length > LIMITS.renderedHtmlChars * 2) return refused(tooMuchHtml(raw.length));
	const clean = sanitizeHtml(raw, SANITIZE_OPTIONS);
	if (clean.length > LIMITS.renderedHtmlChars) return refused(tooMuchHtml(clean.length));

	const segments: RenderedSegment[] = [];
	let last = 0;
	for (const match of clean.matchAll(slotPattern)) {
		const html = clean.slice(last, match.index).trim();
		if (html) segments.push({ kind: 'html', html });
		segments.push({ kind: 'quiz', index: Number(match[1]) });
		last = (match.index ?? 0) + match[0].length;
	}
	const tail = clean.slice(last).trim();
	if (tail) segments.push({ kind: 'html', html: tail });
	return { segments, headings };
}

function tooMuchHtml(chars: number): LimitViolation {
	return violation('renderedHtmlChars', 1, { chars });
}

/** Whole document as one HTML string, quiz slots shown as a neutral note (used for previews of course intros). */
export function renderMarkdownToHtml(source: string): string {
	return renderMarkdown(source)
		.segments.map((s) => (s.kind === 'html' ? s.html : '<p><em>[Quiz]</em></p>'))
		.join('\n');
}

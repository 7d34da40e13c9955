// A ratchet on interface text written into .svelte files instead of messages/*.json: a file not in
// NOT_YET_TRANSLATED must have none, and a listed file may only lose hard-coded strings (its count is exact, so a
// conversion lowers it and new text in an old file fails too). The list only shrinks.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { findHardcodedText, hardcodedTextByFile } from '../i18n/hardcoded-text';
import { NOT_YET_TRANSLATED } from '../i18n/not-yet-translated';

const found = hardcodedTextByFile();

describe('hard-coded interface text in .svelte files', () => {
	it('is found where people read it, and not in code', () => {
		const sample = `<script lang="ts">
	import { m } from '$lib/paraglide/messages';
	let busy = $state(false);
	const note = 'Your text is kept.';
	const kind = 'badge-success';
</script>
<svelte:head><title>{m.app_name()}</title></svelte:head>
<h1 class="x" title="Start here">Welcome back</h1>
<p aria-current={busy ? 'page' : undefined}>{busy ? 'Saving…' : m.save()}</p>
<Field label="E-mail" name="email" />
<span>{count} · CRM · 75%</span>`;
		expect(findHardcodedText(sample).map((f) => f.text)).toEqual(['Your text is kept.', 'Start here', 'Welcome back', 'Saving…', 'E-mail']);
	});

	it('is absent from every file not listed as not yet translated', () => {
		const offenders = Object.entries(found)
			.filter(([file, list]) => !(file in NOT_YET_TRANSLATED) && list.length > 0)
			.map(([file, list]) => `${file}: ${list.map((f) => `${f.line} “${f.text}”`).join(', ')}`);
		expect(offenders, 'move these strings into messages/en.json and messages/bn.json').toEqual([]);
	});

	it('only decreases in the files not yet translated (lower the count, or remove the file, after converting)', () => {
		const counts = Object.fromEntries(Object.keys(NOT_YET_TRANSLATED).map((file) => [file, found[file]?.length ?? 0]));
		expect(counts).toEqual(NOT_YET_TRANSLATED);
	});

	it('lists only files that exist and still have hard-coded text', () => {
		expect(Object.keys(NOT_YET_TRANSLATED).filter((f) => !existsSync(f) || NOT_YET_TRANSLATED[f] === 0)).toEqual([]);
	});
});

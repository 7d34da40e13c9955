// .svelte files whose interface text is not yet in messages/*.json, with how many hard-coded strings each still
// has. The list may only shrink: a converted file leaves it, a count may only go down (tests/unit/i18n-hardcoded.test.ts).
// Regenerate the entries with: npx tsx scripts/i18n-untranslated.ts --allowlist
export const NOT_YET_TRANSLATED: Record<string, number> = {
	'src/lib/components/scenarios/DryRun.svelte': 42,
	'src/lib/components/scenarios/ScenarioWorkbench.svelte': 15,
	'src/lib/components/scenarios/YamlEditor.svelte': 7,
	'src/routes/(admin)/admin/speech/+page.svelte': 40,
	'src/routes/(trainer)/trainer/scenarios/+page.svelte': 24,
	'src/routes/(trainer)/trainer/scenarios/[slug]/+page.svelte': 41,
};

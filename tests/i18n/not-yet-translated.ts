// .svelte files whose interface text is not yet in messages/*.json, with how many hard-coded strings each still
// has. The list may only shrink: a converted file leaves it, a count may only go down (tests/unit/i18n-hardcoded.test.ts).
// Regenerate the entries with: npx tsx scripts/i18n-untranslated.ts --allowlist
export const NOT_YET_TRANSLATED: Record<string, number> = {
	'src/lib/components/courses/CourseFileEditor.svelte': 40,
	'src/lib/components/scenarios/DryRun.svelte': 42,
	'src/lib/components/scenarios/ScenarioWorkbench.svelte': 15,
	'src/lib/components/scenarios/YamlEditor.svelte': 7,
	'src/routes/(admin)/admin/speech/+page.svelte': 40,
	'src/routes/(trainer)/trainer/assignments/+page.svelte': 8,
	'src/routes/(trainer)/trainer/assignments/[cohort]/+page.svelte': 35,
	'src/routes/(trainer)/trainer/calls/+page.svelte': 17,
	'src/routes/(trainer)/trainer/calls/[id]/+page.svelte': 15,
	'src/routes/(trainer)/trainer/courses/+page.svelte': 27,
	'src/routes/(trainer)/trainer/courses/[course]/+page.svelte': 62,
	'src/routes/(trainer)/trainer/courses/[course]/edit/[file]/+page.svelte': 12,
	'src/routes/(trainer)/trainer/scenarios/+page.svelte': 24,
	'src/routes/(trainer)/trainer/scenarios/[slug]/+page.svelte': 41,
};

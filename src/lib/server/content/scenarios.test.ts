import { INTERACTION_STATUSES } from '$lib/domain/crm';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios, parseScenarioFile, ScenarioContentError } from './scenarios';
import { inLocale } from '$lib/server/in-locale';

const valid = readFileSync('content/scenarios/sales-enquiry.yaml', 'utf8');
const file = 'content/scenarios/sales-enquiry.yaml';

/** Line (1-based) of the first line containing `needle` in the valid source. */
const lineOf = (source: string, needle: string) => source.split('\n').findIndex((l) => l.includes(needle)) + 1;

function problems(source: string, name = file): string[] {
	const result = parseScenarioFile(name, source);
	return 'issues' in result ? result.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`) : [];
}

describe('shipped scenarios', () => {
	const files = loadScenarios();
	it('all load, at least eight of them', () => {
		expect(files.length).toBeGreaterThanOrEqual(8);
	});
	it('cover the required situations, three or more with an angry caller', () => {
		const slugs = files.map((f) => f.scenario.slug);
		for (const slug of [
			'appointment-booking',
			'address-change-verification',
			'angry-billing-dispute',
			'complaint-escalation',
			'technical-fault-ticket',
			'repeat-caller-history',
			'sales-enquiry',
			'ivr-wrong-reason-code'
		]) {
			expect(slugs).toContain(slug);
		}
		expect(files.filter((f) => f.scenario.anger.start >= 0.6).length).toBeGreaterThanOrEqual(3);
	});
	it('link tips only to lessons that exist', () => {
		const lessons = new Set<string>();
		for (const dir of readdirSync('content/courses')) {
			for (const name of readdirSync(join('content/courses', dir))) {
				if (/^\d\d-/.test(name)) lessons.add(`${dir.replace(/^\d\d-/, '')}/${name.replace(/^\d\d-/, '').replace(/\.md$/, '')}`);
			}
		}
		for (const { scenario } of files) {
			for (const tip of scenario.tips) expect(lessons, scenario.slug).toContain(`${tip.course}/${tip.lesson}`);
		}
	});
});

describe('scenario validation errors name the line', () => {
	it('reports a YAML syntax error with its line', () => {
		const broken = valid.replace('difficulty: easy', 'difficulty: [easy');
		expect(problems(broken)[0]).toMatch(/^\d+: : YAML syntax:/);
	});
	it('reports an unknown field at its own line', () => {
		const source = valid.replace('difficulty: easy', 'difficulty: easy\ndificulty: hard');
		expect(problems(source)).toEqual([`${lineOf(source, 'dificulty')}: dificulty: is not a known field (check the spelling; content/README.md lists the fields)`]);
	});
	it('reports a missing required field', () => {
		const source = valid.replace(/^summary: >-\n(  .*\n)+/m, '');
		expect(problems(source)).toEqual([expect.stringMatching(/^1: summary: is required$/)]);
	});
	it('reports a value outside a picklist with the allowed values', () => {
		const source = valid.replace('status: Resolved', 'status: Done');
		expect(problems(source)).toEqual([`${lineOf(source, 'status: Done')}: truth.interaction.status: must be one of ${INTERACTION_STATUSES.map((v) => `"${v}"`).join(', ')}`]);
	});
	it('reports a date that is not YYYY-MM-DD', () => {
		const source = valid.replace('callDate: 2026-03-17', 'callDate: 17/03/2026');
		expect(problems(source)).toEqual([`${lineOf(source, 'callDate')}: callDate: must be a date written YYYY-MM-DD`]);
	});
	it('reports a transition to a state that does not exist', () => {
		const source = valid.replace('to: plan', 'to: plann');
		expect(problems(source)).toEqual([`${lineOf(source, 'to: plann')}: dialogue.states.enquiry.on.0.to: goes to the state "plann", which is not defined under dialogue.states`]);
	});
	it('reports an intent that is neither built in nor defined', () => {
		const source = valid.replace('intent: contract_terms', 'intent: contract_term');
		expect(problems(source)[0]).toMatch(/uses the intent "contract_term", which is neither built in nor defined/);
	});
	it('reports a state with no way out that is not an end state', () => {
		const source = valid.replace(/    wrap:\n      say:\n        - "Perfect, thank you. That's really helpful."\n      on:\n(        .*\n)+?    goodbye:/, '    wrap:\n      say: "Perfect."\n    goodbye:');
		expect(problems(source)).toContain(`${lineOf(source, '    wrap:')}: dialogue.states.wrap: is a dead end: it has no transitions and is not marked end: true`);
	});
	it('reports a dialogue whose end cannot be reached', () => {
		const source = valid.replace('      end: true', '      end: false\n      on:\n        - intent: yes\n          to: wrap');
		expect(problems(source)).toContain(`${lineOf(source, 'states:')}: dialogue.states: no state marked end: true can be reached from the start state`);
	});
	it('reports a state that can never be reached', () => {
		const source = valid.replace('    goodbye:\n', '    orphan:\n      say: "Nobody hears this."\n      end: true\n    goodbye:\n');
		expect(problems(source)).toEqual([`${lineOf(source, 'orphan:')}: dialogue.states.orphan: can never be reached: no transition from the start state leads here`]);
	});
	it('reports a transition with both an intent and an action', () => {
		const source = valid.replace('        - action: kb_lookup\n', '        - action: kb_lookup\n          intent: yes\n');
		expect(problems(source)[0]).toMatch(/needs exactly one of intent or action/);
	});
	it('reports jargon that a synonym folds into an everyday word', () => {
		const source = valid.replace('installation: [set up, setup, install]', 'installation: [set up, setup, install, ont]');
		expect(problems(source)[0]).toMatch(/^\d+: vocabulary\.jargon\.2: "ont" is folded into "installation"/);
	});
	it('reports a slug that does not match the file name', () => {
		expect(problems(valid, 'content/scenarios/other-name.yaml')).toEqual([`${lineOf(valid, 'slug:')}: slug: must match the file name "other-name"`]);
	});
	it('fails loading a folder with every problem as path:line, including duplicate slugs', () => {
		const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
		writeFileSync(join(dir, 'sales-enquiry.yaml'), valid);
		writeFileSync(join(dir, 'sales-enquiry.yml'), valid);
		writeFileSync(join(dir, 'broken.yaml'), 'title: [');
		try {
			loadScenarios(dir);
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ScenarioContentError);
			const list = (error as ScenarioContentError).problems;
			expect(list[0]).toMatch(new RegExp(`^${join(dir, 'broken.yaml')}:\\d+: YAML syntax`));
			expect(list).toContain(`${join(dir, 'sales-enquiry.yml')}:1: slug: "sales-enquiry" is already used by ${join(dir, 'sales-enquiry.yaml')}`);
		}
	});
});

describe('scenario language', () => {
	const bengali = readFileSync('content/scenarios/bn-angry-electricity-bill.yaml', 'utf8');
	const bnFile = 'content/scenarios/bn-angry-electricity-bill.yaml';
	it('is English unless the file says otherwise', () => {
		const result = parseScenarioFile(file, valid);
		expect('scenario' in result && result.scenario.language).toBe('en');
	});
	it('refuses a language the app does not know, at the line that names it', () => {
		const source = bengali.replace('language: bn', 'language: fr');
		const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
		writeFileSync(join(dir, 'bn-angry-electricity-bill.yaml'), source);
		try {
			loadScenarios(dir);
			expect.unreachable();
		} catch (error) {
			const [problem] = (error as ScenarioContentError).problems;
			expect(problem).toMatch(new RegExp(`^${join(dir, 'bn-angry-electricity-bill.yaml')}:${lineOf(source, 'language:')}: language: .*"en", "bn"`));
		}
		expect(problems(bengali, bnFile)).toEqual([]);
	});
	it('ships at least four Bengali scenarios: an angry caller, an appointment with the full data set, an outbound call', () => {
		const bn = loadScenarios().filter((f) => f.scenario.language === 'bn').map((f) => f.scenario);
		expect(bn.length).toBeGreaterThanOrEqual(4);
		expect(bn.some((s) => s.anger.start >= 0.6)).toBe(true);
		expect(bn.some((s) => s.truth.appointment !== null)).toBe(true);
		expect(bn.filter((s) => s.queue.reasonCode.startsWith('OUT-')).length).toBeGreaterThanOrEqual(1);
		for (const s of bn) {
			expect(s.caller.phone.replace(/\D/g, ''), s.slug).toMatch(/^(880|0)1[3-9]\d{8}$/);
			expect(s.etiquette, s.slug).toContain('respectfulAddress');
		}
	});
});

describe('scenario diagnostics in the reader’s language', () => {
	// The editor shows these to a trainer in their language; the words are looked up when the file is checked, so a
	// Bengali request gets Bengali and an English one (or start-up, outside any request) English, with the same line.
	const bengali = <T>(work: () => T) => inLocale('bn', work);
	it('words our own checks in Bengali with the same line and path', () => {
		const source = valid.replace('to: plan', 'to: plann');
		const line = lineOf(source, 'to: plann');
		expect(bengali(() => problems(source))).toEqual([`${line}: dialogue.states.enquiry.on.0.to: "plann" অবস্থায় যেতে বলা হয়েছে, কিন্তু dialogue.states-এ এটি সংজ্ঞায়িত নেই`]);
		expect(problems(source)).toEqual([`${line}: dialogue.states.enquiry.on.0.to: goes to the state "plann", which is not defined under dialogue.states`]);
	});
	it('words field checks, unknown fields and the file-name check in Bengali', () => {
		const date = valid.replace('callDate: 2026-03-17', 'callDate: 17/03/2026');
		expect(bengali(() => problems(date))).toEqual([`${lineOf(date, 'callDate')}: callDate: YYYY-MM-DD আকারে লেখা একটি তারিখ হতে হবে`]);
		const unknown = valid.replace('difficulty: easy', 'difficulty: easy\ndificulty: hard');
		expect(bengali(() => problems(unknown))[0]).toContain('dificulty: পরিচিত কোনো ফিল্ড নয়');
		expect(bengali(() => problems(valid, 'content/scenarios/other-name.yaml'))[0]).toMatch(/slug: ফাইলের নাম "other-name"-এর সঙ্গে মিলতে হবে$/);
		const missing = valid.replace(/^summary: >-\n(  .*\n)+/m, '');
		expect(bengali(() => problems(missing))).toEqual(['1: summary: দিতেই হবে']);
	});
	it('gives zod’s own messages (a wrong type) in Bengali too', () => {
		const source = valid.replace('  start: 0.05', '  start: high');
		const english = problems(source).join('\n');
		const bn = bengali(() => problems(source)).join('\n');
		expect(english).toMatch(/expected number, received string/);
		expect(bn).toMatch(/প্রত্যাশিত number/);
		expect(bn).not.toMatch(/expected number/);
	});
});

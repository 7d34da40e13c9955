import { describe, expect, it } from 'vitest';
import { compileScenario } from '$lib/domain/call/compiled-scenario';
import { loadScenarios } from '$lib/server/content/scenarios';
import { ScenarioSnapshots } from './scenario-snapshots';

// Each request reads the call row afresh: its snapshot is a new object with the same content (as JSON parses it).
const [first, second] = loadScenarios();
const read = (id: string, hash: string, scenario: unknown) => ({ id, scenarioHash: hash, scenarioSnapshot: structuredClone(scenario) });

describe('scenario snapshots kept between requests', () => {
	it('gives the same object for every read of one call, so the scenario is compiled once', () => {
		const snapshots = new ScenarioSnapshots();
		const a = snapshots.of(read('call-1', 'h1', first.scenario));
		const again = snapshots.of(read('call-1', 'h1', first.scenario));
		expect(again).toBe(a);
		expect(compileScenario(again)).toBe(compileScenario(a));
		expect(a).toEqual(first.scenario);
	});

	it('shares one object between calls of the same version with an equal snapshot, and never between different ones', () => {
		const snapshots = new ScenarioSnapshots();
		const a = snapshots.of(read('call-1', 'h1', first.scenario));
		expect(snapshots.of(read('call-2', 'h1', first.scenario))).toBe(a);
		// same hash, different content (an old call parsed by an older version of the app): its own object
		const older = { ...structuredClone(first.scenario), title: 'An older parse' };
		const b = snapshots.of(read('call-3', 'h1', older));
		expect(b).not.toBe(a);
		expect(b.title).toBe('An older parse');
		// another scenario
		const c = snapshots.of(read('call-4', 'h2', second.scenario));
		expect(c.slug).toBe(second.scenario.slug);
		expect(c).not.toBe(a);
	});

	it('keeps at most its capacity of calls, dropping the least recently used', () => {
		const snapshots = new ScenarioSnapshots(2);
		const a = snapshots.of(read('a', 'h1', first.scenario));
		snapshots.of(read('b', 'h2', second.scenario));
		expect(snapshots.of(read('a', 'h1', first.scenario))).toBe(a); // 'a' used again: 'b' is now the oldest
		snapshots.of(read('c', 'h3', second.scenario));
		expect(snapshots.size).toBe(2);
		expect(snapshots.of(read('a', 'h1', first.scenario))).toBe(a);
		// 'b' was dropped: its next read is a new object (content-equal to a kept one under another hash is not shared)
		const b = read('b', 'h2-new', second.scenario);
		expect(snapshots.of(b)).toBe(b.scenarioSnapshot);
	});
});

// Waits for a started CallCraft server to answer /healthz: shared by the scripts that start the built app.

/** Resolves once `${base}/healthz` answers 200; throws after `timeoutMs`. */
export async function waitUntilHealthy(base: string, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) return;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline) throw new Error(`the app did not start within ${Math.round(timeoutMs / 1000)} s`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

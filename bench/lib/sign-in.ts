// Signs in through the app's own form, as a browser would (same-origin POST), and returns the session cookie header.
// A sign-in that is shed (503, several at once on a small box) is sent again after its Retry-After, up to 10 times.
export async function signIn(base: string, email: string, password: string): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		const res = await fetch(`${base}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email, password })
		});
		if (res.status === 503 && attempt < 10) {
			await res.arrayBuffer();
			await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
			continue;
		}
		const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
		if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} failed (${res.status})`);
		return cookie;
	}
}

// Signs in through the app's own form, as a browser would (same-origin POST), and returns the session cookie header.
export async function signIn(base: string, email: string, password: string): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password })
	});
	const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} failed (${res.status})`);
	return cookie;
}

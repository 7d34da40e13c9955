// SMTP settings from the environment. SMTP_URL unset = notifications stay in the app (no e-mail is queued).
// The SMTP conversation runs in a worker thread: composing MIME and driving 24 connections costs CPU per message,
// and on the main thread that time was taken from page requests (pages ×1.46 slower while 10,000 e-mails went out).
// The main thread keeps every database write (claims, marks: outbox.ts); the worker only sends and answers.
import { Worker } from 'node:worker_threads';

export interface MailSettings {
	url: string;
	from: string;
	/** The app's public origin, for links in e-mails. */
	origin: string;
}

export function mailSettings(): MailSettings | null {
	const url = process.env.SMTP_URL?.trim();
	if (!url) return null;
	return {
		url,
		from: process.env.MAIL_FROM?.trim() || 'CallCraft <no-reply@callcraft.invalid>',
		origin: (process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '')
	};
}

/**
 * Parallel SMTP connections of the pool (SMTP_MAX_CONNECTIONS, 1–100, default 24). Sending is bound by round trips
 * (MAIL, RCPT, DATA, end of data per message; nodemailer does not pipeline), not by CPU: see
 * docs/assignments-and-notifications.md for the measurements. Lower it for a relay that limits connections per client.
 */
export function smtpMaxConnections(): number {
	const raw = process.env.SMTP_MAX_CONNECTIONS?.trim();
	const n = raw ? Number(raw) : 24;
	return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 24;
}

export interface OutgoingMail {
	from: string;
	to: string;
	subject: string;
	text: string;
	messageId: string;
}
/** Per message: null when the server accepted it, else the error message. */
export type SendOutcome = string | null;

// The worker's whole program (CommonJS, evaluated; `require` resolves from the app's directory): one pooled
// nodemailer transport, a batch in, its outcomes out. Kept as text so the build needs no separate entry point.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const nodemailer = require('nodemailer');
const transporter = nodemailer.createTransport({
	url: workerData.url, pool: true, maxConnections: workerData.maxConnections, maxMessages: Infinity,
	connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 15000
});
parentPort.on('message', async (msg) => {
	if (msg.close) { transporter.close(); parentPort.close(); return; }
	const outcomes = await Promise.allSettled(msg.mails.map((m) => transporter.sendMail(m)));
	parentPort.postMessage({ id: msg.id, outcomes: outcomes.map((o) => o.status === 'fulfilled' ? null : String(o.reason && o.reason.message || o.reason)) });
});
`;

export interface Mailer {
	send(mails: OutgoingMail[]): Promise<SendOutcome[]>;
}

let current: { url: string; worker: Worker; mailer: Mailer } | null = null;

/** One sending worker (with its pooled transport) per SMTP_URL. */
export function transporter(settings: MailSettings): Mailer {
	if (current?.url === settings.url) return current.mailer;
	closeTransport();
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url: settings.url, maxConnections: smtpMaxConnections() } });
	worker.unref(); // the sender never keeps the process alive
	const waiting = new Map<number, { resolve: (o: SendOutcome[]) => void; reject: (e: Error) => void }>();
	let next = 0;
	const failAll = (err: Error) => {
		for (const w of waiting.values()) w.reject(err);
		waiting.clear();
		if (current?.worker === worker) current = null;
	};
	worker.on('message', (msg: { id: number; outcomes: SendOutcome[] }) => {
		waiting.get(msg.id)?.resolve(msg.outcomes);
		waiting.delete(msg.id);
	});
	worker.on('error', failAll);
	worker.on('exit', () => failAll(new Error('the e-mail sender stopped')));
	const mailer: Mailer = {
		send(mails) {
			const id = next++;
			return new Promise((resolve, reject) => {
				waiting.set(id, { resolve, reject });
				worker.postMessage({ id, mails });
			});
		}
	};
	current = { url: settings.url, worker, mailer };
	return mailer;
}

/** Stops the sending worker at once. A batch in flight keeps its claim; its lease runs out and it is sent again. */
export function closeTransport(): void {
	if (!current) return;
	const { worker } = current;
	current = null;
	void worker.terminate();
}

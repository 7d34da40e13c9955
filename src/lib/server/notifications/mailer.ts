// SMTP settings from the environment. SMTP_URL unset = notifications stay in the app (no e-mail is queued).
// Sending runs in the notification job's own low-priority process (job.ts), so the pooled nodemailer transport lives
// there, on that process's main thread: composing MIME and driving the connections costs CPU per message, and none of
// it is taken from the web process that renders pages.
import nodemailer, { type Transporter } from 'nodemailer';

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

export interface Mailer {
	/** Sends each mail (`beforeEach` is awaited before each is handed to the pool: a pacer); outcomes in order. */
	send(mails: OutgoingMail[], beforeEach?: () => Promise<void>): Promise<SendOutcome[]>;
}

let current: { url: string; transport: Transporter; mailer: Mailer } | null = null;

/** One pooled transport per SMTP_URL. */
export function transporter(settings: MailSettings): Mailer {
	if (current?.url === settings.url) return current.mailer;
	closeTransport();
	const transport = nodemailer.createTransport({
		url: settings.url,
		pool: true,
		maxConnections: smtpMaxConnections(),
		maxMessages: Infinity,
		connectionTimeout: 5000,
		greetingTimeout: 5000,
		socketTimeout: 15000
	});
	const mailer: Mailer = {
		async send(mails, beforeEach) {
			// Each outcome is caught as it is made: a rejection while the pacer waits is never unhandled.
			const sending: Promise<SendOutcome>[] = [];
			for (const m of mails) {
				if (beforeEach) await beforeEach();
				sending.push(transport.sendMail(m).then(() => null, (err: unknown) => String((err as Error)?.message ?? err)));
			}
			return Promise.all(sending);
		}
	};
	current = { url: settings.url, transport, mailer };
	return mailer;
}

/** Closes the pool's connections. A batch in flight keeps its claim; its lease runs out and it is sent again. */
export function closeTransport(): void {
	if (!current) return;
	const { transport } = current;
	current = null;
	transport.close();
}

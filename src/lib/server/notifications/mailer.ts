// SMTP settings from the environment. SMTP_URL unset = notifications stay in the app (no e-mail is queued).
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

let transport: { url: string; transporter: Transporter } | null = null;

/** One pooled transport per SMTP_URL. */
export function transporter(settings: MailSettings): Transporter {
	if (transport?.url !== settings.url) {
		transport?.transporter.close();
		transport = {
			url: settings.url,
			transporter: nodemailer.createTransport({
				url: settings.url,
				pool: true,
				maxConnections: 8,
				maxMessages: Infinity,
				connectionTimeout: 5_000,
				greetingTimeout: 5_000,
				socketTimeout: 15_000
			})
		};
	}
	return transport.transporter;
}

export function closeTransport(): void {
	transport?.transporter.close();
	transport = null;
}

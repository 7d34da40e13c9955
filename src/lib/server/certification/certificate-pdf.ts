// Renders a certificate as a one-page A4 landscape PDF with the verify URL and a vector QR code, in the
// holder's language (labels from messages/, dates in its digits and month names).

import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { certificateStatusLabel, type CertificateStatus } from '$lib/domain/certification/status';
import { embedPdfFonts } from './pdf-fonts';
import { drawableText, drawText, textWidth, wrapText } from './pdf-text';
import { formatLongDate } from '$lib/i18n/format';
import { BASE_LOCALE, INTL_LOCALE, type Locale } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages';

export interface CertificatePdfInput {
	holderName: string;
	programmeTitle: string;
	issuedAt: Date;
	expiresAt: Date | null;
	code: string;
	verifyUrl: string;
	status: CertificateStatus;
	/** When the status was determined (printed for anything but a valid certificate). */
	now: Date;
	/** The language the certificate is printed in (the holder's); English when not given. */
	language?: Locale;
}

const INK = rgb(0.1, 0.13, 0.2);
const MUTED = rgb(0.38, 0.42, 0.5);
const ACCENT = rgb(0.15, 0.35, 0.75);
const ALERT = rgb(0.7, 0.1, 0.1);

function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const cell = size / n;
	for (let row = 0; row < n; row++) {
		for (let col = 0; col < n; col++) {
			if (qr.modules.get(row, col)) {
				page.drawRectangle({ x: x + col * cell, y: y + size - (row + 1) * cell, width: cell, height: cell, color: INK });
			}
		}
	}
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
	const locale = input.language ?? BASE_LOCALE;
	const t = { locale };
	const doc = await PDFDocument.create();
	const { regular, bold } = await embedPdfFonts(doc);
	const holder = drawableText(bold, input.holderName);
	const programme = drawableText(bold, input.programmeTitle);

	doc.setTitle(m.pdf_cert_title({ programme: input.programmeTitle, holder: input.holderName }, t));
	doc.setAuthor('CallCraft');
	doc.setSubject(m.pdf_cert_subject({ url: input.verifyUrl }, t));
	doc.setLanguage(INTL_LOCALE[locale]);
	doc.setCreationDate(input.issuedAt);

	const page = doc.addPage([842, 595]);
	const { width, height } = page.getSize();
	page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 3 });
	page.drawRectangle({ x: 34, y: 34, width: width - 68, height: height - 68, borderColor: ACCENT, borderWidth: 0.75 });

	const draw = (text: string, x: number, y: number, size: number, font = regular, color = INK) =>
		drawText(page, font, drawableText(font, text), { x, y, size, color });
	const centre = (text: string, y: number, size: number, font = regular, color = INK) =>
		draw(text, (width - textWidth(font, drawableText(font, text), size)) / 2, y, size, font, color);

	centre('CALLCRAFT', 520, 12, bold, ACCENT);
	centre(m.pdf_cert_heading({}, t), 470, 34, bold);
	centre(m.pdf_cert_certifies({}, t), 420, 14, regular, MUTED);
	let holderSize = 30;
	while (holderSize > 14 && textWidth(bold, holder, holderSize) > width - 160) holderSize -= 2;
	centre(holder, 378, holderSize, bold);
	centre(m.pdf_cert_met({}, t), 340, 14, regular, MUTED);
	wrapText(bold, programme, 22, width - 200)
		.slice(0, 2)
		.forEach((line, i) => centre(line, 305 - i * 28, 22, bold, ACCENT));

	const left = 70;
	const date = (d: Date) => formatLongDate(d, locale);
	draw(m.pdf_cert_issued({ date: date(input.issuedAt) }, t), left, 190, 13);
	draw(input.expiresAt ? m.pdf_cert_valid_until({ date: date(input.expiresAt) }, t) : m.pdf_cert_no_expiry({}, t), left, 168, 13);
	draw(m.pdf_cert_code({ code: input.code }, t), left, 140, 11, regular, MUTED);
	draw(m.pdf_cert_check_at({}, t), left, 110, 11, regular, MUTED);
	draw(input.verifyUrl, left, 94, 10, regular, ACCENT);
	if (input.status !== 'valid') {
		const status = m.pdf_cert_status_on({ date: date(input.now), status: certificateStatusLabel(input.status, locale) }, t);
		draw(status, left, 64, 13, bold, input.status === 'expiring' ? INK : ALERT);
	}

	const qrSize = 120;
	drawQr(page, input.verifyUrl, width - 70 - qrSize, 74, qrSize);
	const scan = m.pdf_cert_scan({}, t);
	draw(scan, width - 70 - qrSize / 2 - textWidth(regular, drawableText(regular, scan), 9) / 2, 60, 9, regular, MUTED);

	return doc.save();
}

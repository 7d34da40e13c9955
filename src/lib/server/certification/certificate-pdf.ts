// Renders a certificate as a one-page A4 landscape PDF with the verify URL and a vector QR code.

import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { CERTIFICATE_STATUS_LABELS, type CertificateStatus } from '$lib/domain/certification/status';
import { embedPdfFonts } from './pdf-fonts';
import { drawableText, wrapText } from './pdf-text';
import { formatLongDate } from '$lib/i18n/format';

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
	const doc = await PDFDocument.create();
	const { regular, bold } = await embedPdfFonts(doc);
	const holder = drawableText(bold, input.holderName);
	const programme = drawableText(bold, input.programmeTitle);

	doc.setTitle(`Certificate — ${input.programmeTitle} — ${input.holderName}`);
	doc.setAuthor('CallCraft');
	doc.setSubject(`Verify at ${input.verifyUrl}`);
	doc.setCreationDate(input.issuedAt);

	const page = doc.addPage([842, 595]);
	const { width, height } = page.getSize();
	page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 3 });
	page.drawRectangle({ x: 34, y: 34, width: width - 68, height: height - 68, borderColor: ACCENT, borderWidth: 0.75 });

	const centre = (text: string, y: number, size: number, font = regular, color = INK) => {
		page.drawText(text, { x: (width - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color });
	};

	centre('CALLCRAFT', 520, 12, bold, ACCENT);
	centre('Certificate of Achievement', 470, 34, bold);
	centre('This certifies that', 420, 14, regular, MUTED);
	let holderSize = 30;
	while (holderSize > 14 && bold.widthOfTextAtSize(holder, holderSize) > width - 160) holderSize -= 2;
	centre(holder, 378, holderSize, bold);
	centre('has met every requirement of the certification programme', 340, 14, regular, MUTED);
	wrapText(bold, programme, 22, width - 200)
		.slice(0, 2)
		.forEach((line, i) => centre(line, 305 - i * 28, 22, bold, ACCENT));

	const left = 70;
	page.drawText(`Issued: ${formatLongDate(input.issuedAt)}`, { x: left, y: 190, size: 13, font: regular, color: INK });
	page.drawText(
		input.expiresAt ? `Valid until: ${formatLongDate(input.expiresAt)}` : 'Valid until: does not expire',
		{ x: left, y: 168, size: 13, font: regular, color: INK }
	);
	page.drawText(`Certificate code: ${input.code}`, { x: left, y: 140, size: 11, font: regular, color: MUTED });
	page.drawText('Check this certificate at:', { x: left, y: 110, size: 11, font: regular, color: MUTED });
	page.drawText(drawableText(regular, input.verifyUrl), { x: left, y: 94, size: 10, font: regular, color: ACCENT });
	if (input.status !== 'valid') {
		page.drawText(
			`Status on ${formatLongDate(input.now)}: ${CERTIFICATE_STATUS_LABELS[input.status]}`,
			{ x: left, y: 64, size: 13, font: bold, color: input.status === 'expiring' ? INK : ALERT }
		);
	}

	const qrSize = 120;
	drawQr(page, input.verifyUrl, width - 70 - qrSize, 74, qrSize);
	page.drawText('Scan to verify', {
		x: width - 70 - qrSize / 2 - regular.widthOfTextAtSize('Scan to verify', 9) / 2,
		y: 60,
		size: 9,
		font: regular,
		color: MUTED
	});

	return doc.save();
}

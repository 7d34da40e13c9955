// The reminder benchmark's SMTP sink in a process of its own (bench/reminders.ts forks it), standing in for a mail
// relay on another machine: its SMTP work no longer shares an event loop with the client that times the pages.
// Tells its parent the port it listens on, then how many messages arrived and when the last one did.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let delivered = 0;
let lastAt = 0;
let flush: NodeJS.Timeout | null = null;
const report = () => {
	flush = null;
	process.send?.({ delivered, lastAt });
};
const sink = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onData(stream, _session, callback) {
		stream.on('data', () => {});
		stream.on('end', () => {
			delivered++;
			lastAt = Date.now();
			flush ??= setTimeout(report, 50);
			callback();
		});
	}
});
sink.listen(0, '127.0.0.1', () => process.send?.({ port: (sink.server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));

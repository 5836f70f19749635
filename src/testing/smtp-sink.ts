/**
 * A real SMTP server process for tests and benchmarks (npm smtp-server), run as a child process.
 * Prints "LISTENING <port>" once ready, then one JSON line per accepted message: {"to": [...], "raw": "<base64>"}.
 * Behaviour per recipient, from the environment:
 *   SMTP_TEMPFAIL="a@x.org:2,b@y.org:1"  answer 451 to the first N attempts for that address
 *   SMTP_HARDFAIL="c@z.org"               always answer 550 for that address
 *   SMTP_QUIET=1                          do not print messages (benchmarks: count only, on SIGUSR2)
 */
import { SMTPServer } from 'smtp-server';

const tempFail = new Map<string, number>(
  (process.env.SMTP_TEMPFAIL ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => {
      const [addr, n] = p.split(':');
      return [addr!.toLowerCase(), Number(n ?? 1)] as const;
    }),
);
const hardFail = new Set((process.env.SMTP_HARDFAIL ?? '').split(',').filter(Boolean).map((a) => a.toLowerCase()));
const quiet = process.env.SMTP_QUIET === '1';
let accepted = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    const addr = address.address.toLowerCase();
    if (hardFail.has(addr)) return callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }));
    const left = tempFail.get(addr) ?? 0;
    if (left > 0) {
      tempFail.set(addr, left - 1);
      return callback(Object.assign(new Error('4.2.1 Try again later'), { responseCode: 451 }));
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      accepted++;
      if (!quiet) {
        const to = session.envelope.rcptTo.map((r) => r.address);
        process.stdout.write(`${JSON.stringify({ to, raw: Buffer.concat(chunks).toString('base64') })}\n`);
      }
      callback();
    });
  },
});

process.on('SIGUSR2', () => process.stdout.write(`ACCEPTED ${accepted}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
server.listen(Number(process.env.SMTP_PORT ?? 0), '127.0.0.1', () => {
  const addr = server.server.address();
  process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : ''}\n`);
});

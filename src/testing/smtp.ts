import { simpleParser, type ParsedMail } from 'mailparser';
import { startListening } from './servers.js';

export interface SmtpSink {
  url: string;
  received: { to: string[]; mail: ParsedMail }[];
  /** Waits until at least n messages arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the SMTP sink (src/testing/smtp-sink.ts) as its own process and parses what it receives with mailparser. */
export async function startSmtpSink(env: Record<string, string> = {}): Promise<SmtpSink> {
  const received: SmtpSink['received'] = [];
  const pending: Promise<void>[] = [];
  const { port, stop } = await startListening(new URL('./smtp-sink.ts', import.meta.url), env, (line) => {
    if (!line.startsWith('{')) return;
    const msg = JSON.parse(line) as { to: string[]; raw: string };
    pending.push(simpleParser(Buffer.from(msg.raw, 'base64')).then((mail) => void received.push({ to: msg.to, mail })));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(n, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > end) throw new Error(`Expected ${n} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
        await Promise.all(pending);
      }
    },
    stop,
  };
}

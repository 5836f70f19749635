import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Runs a test server script (TypeScript, through tsx) as its own process and waits for its
 * "LISTENING <port>" line; every other line of its output goes to `onLine`.
 */
export async function startListening(script: URL, env: Record<string, string>, onLine: (line: string) => void = () => {}): Promise<{ port: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${fileURLToPath(script)} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => (line.startsWith('LISTENING ') ? resolve(Number(line.slice(10))) : onLine(line)));
  });
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

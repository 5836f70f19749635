import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the time each part took (unit, pglite, postgres, e2e: the files' own time,
 * summed — the parts run side by side on the workers, so they add up to more than the wall time),
 * the slowest files,
 * and one plain line, "N passed, N failed, N skipped", that any CI log reader understands.
 */
export default class SummaryReporter implements Reporter {
  private started = Date.now();

  onTestRunStart() {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const count = { passed: 0, failed: 0, skipped: 0 };
    const parts = new Map<string, { files: number; ms: number }>();
    const files: { name: string; ms: number }[] = [];
    for (const m of modules) {
      const part = m.project.name || 'tests';
      const p = parts.get(part) ?? { files: 0, ms: 0 };
      const d = m.diagnostic();
      p.files++;
      p.ms += d.collectDuration + d.duration;
      files.push({ name: `${part} ${relative(process.cwd(), m.moduleId)}`, ms: d.collectDuration + d.duration });
      parts.set(part, p);
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
    }
    const lines = [...parts].map(([name, p]) => `  ${name.padEnd(9)} ${String(p.files).padStart(3)} files  ${(p.ms / 1000).toFixed(0).padStart(5)} s`);
    process.stdout.write(`\nTime by part (summed over files; wall time ${((Date.now() - this.started) / 1000).toFixed(0)} s):\n${lines.join('\n')}\n`);
    const slowest = files.sort((a, b) => b.ms - a.ms).slice(0, 25);
    process.stdout.write(`\nSlowest files:\n${slowest.map((f) => `  ${(f.ms / 1000).toFixed(0).padStart(5)} s  ${f.name}`).join('\n')}\n`);
    process.stdout.write(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`);
  }
}

// Global setup: the suite drives real programs. Fail at once, with the fix,
// when one is missing, instead of letting tests that need it pass vacuously.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS: Array<[string, string[]]> = [
  ['redis-server', ['--version']],
  ['redis-cli', ['--version']],
  ['redis-benchmark', ['--version']],
  ['python3', ['--version']],
];

export default function requireTools(): void {
  const missing = TOOLS.filter(([cmd, args]) => spawnSync(cmd, args, { stdio: 'ignore' }).status !== 0).map(([cmd]) => cmd);
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium (/usr/bin/chromium)');
  if (missing.length > 0) {
    throw new Error(
      `The tests need: ${missing.join(', ')}. Run \`sh .ci/ensure.sh system\` ` +
      '(apt-get install -y redis-tools redis-server chromium python3), or just `npm test`, which does it.');
  }
}

// Redis's command-line tools (redis-cli, redis-benchmark) run as child
// processes against a test server.
import { spawn } from 'node:child_process';

/** What a tool printed, and its exit code. */
export interface ToolResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs `tool -h 127.0.0.1 -p port args...` with `stdin` (latin1) as its input;
 * output is read as latin1. Killed after timeoutMs.
 */
export function runTool(tool: 'redis-cli' | 'redis-benchmark', port: number, args: string[], stdin: string | Buffer = '', timeoutMs = 60_000): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ['-h', '127.0.0.1', '-p', String(port), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('latin1').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('latin1').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ stdout, stderr, code });
    });
    // The tool may exit before reading stdin (its command in argv, or it failed): EPIPE is no test error.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin, 'latin1');
  });
}

/** redis-cli -p <port> args...: its output, trimmed. */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  return (await runTool('redis-cli', port, args)).stdout.trim();
}

#!/usr/bin/env node
// redwire: command line -> config -> listeners -> signals.
import { Config } from './config/index.js';
import { parseCommandLine, usage, VERSION } from './cli.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  const config = new Config();
  let parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2), config);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  if (parsed.help) {
    process.stdout.write(usage());
    return;
  }
  if (parsed.version) {
    process.stdout.write(`Redwire server v=${VERSION}\n`);
    return;
  }
  const server = await startServer(config).catch((e: Error) => {
    process.stderr.write(`Failed to start: ${e.message}\n`);
    process.exit(1);
  });
  server.broker.onShutdown = () => void server.close().then(() => process.exit(0));
  const stop = (signal: string) => {
    server.broker.log('warning', `Received ${signal} scheduling shutdown...`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();

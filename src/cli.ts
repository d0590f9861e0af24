// Command line: `redwire [config-file] [--name value ...] [--help] [--version]`,
// the way redis-server takes it: options are config directives.
import { readFileSync } from 'node:fs';
import { Config, ConfigFileError, PARAMS, readConfigFile, parseConfigText } from './config/index.js';
import { VERSION } from './version.js';

export { VERSION };

export interface CommandLine {
  help: boolean;
  version: boolean;
  configFile: string | null;
}

/** Applies the config file and --options to config; throws Error with a user-facing message. */
export function parseCommandLine(args: string[], config: Config): CommandLine {
  const res: CommandLine = { help: false, version: false, configFile: null };
  let i = 0;
  if (args.length > 0 && (args[0] === '-h' || args[0] === '--help')) return { ...res, help: true };
  if (args.length > 0 && (args[0] === '-v' || args[0] === '--version')) return { ...res, version: true };
  const directives: Array<{ line: number; text: string; args: string[] }> = [];
  if (args.length > 0 && !args[0].startsWith('--')) {
    res.configFile = args[0];
    i = 1;
    try {
      directives.push(...(args[0] === '-' ? parseConfigText(readFileSync(0, 'latin1')) : readConfigFile(args[0])));
    } catch (e) {
      if (e instanceof ConfigFileError) throw fatal(e);
      throw new Error(`Fatal error, can't open config file '${args[0]}': ${(e as Error).message}`);
    }
    if (args[0] !== '-') config.file = args[0];
  }
  // "--port 6380 --bind a b" -> directives; a value may itself start with "--" only if quoted into one arg.
  let n = 0;
  while (i < args.length) {
    const a = args[i];
    if (a === '--help' || a === '-h') return { ...res, help: true };
    if (a === '--version' || a === '-v') return { ...res, version: true };
    if (!a.startsWith('--')) throw new Error(`Unexpected argument '${a}' (options are --name value; see --help)`);
    const name = a.slice(2);
    const values: string[] = [];
    i++;
    while (i < args.length && !args[i].startsWith('--')) values.push(args[i++]);
    if (values.length === 0) values.push('');
    n++;
    directives.push({ line: -n, text: `${a} ${values.join(' ')}`, args: [name, ...values] });
  }
  try {
    config.load(directives);
  } catch (e) {
    if (e instanceof ConfigFileError) throw fatal(e);
    throw e;
  }
  return res;
}

function fatal(e: ConfigFileError): Error {
  const where = e.line < 0 ? 'Reading the command line options' : `Reading the configuration file, at line ${e.line}`;
  return new Error(`\n*** FATAL CONFIG FILE ERROR (Redwire ${VERSION}) ***\n${where}\n>>> '${e.text}'\n${e.reason}`);
}

/** --help text: every flag with its default. */
export function usage(): string {
  const lines = [
    `Redwire ${VERSION}: a Redis-compatible pub/sub and pipelining broker (RESP2/RESP3 + WebSocket gateway).`,
    '',
    'Usage: redwire [/path/to/redwire.conf] [--option value ...]',
    '       redwire --help | --version',
    '',
    'Every option is also a config-file directive (redis.conf syntax) and a CONFIG GET/SET parameter.',
    '',
    'Options:',
  ];
  const width = Math.max(...PARAMS.map((p) => p.name.length)) + 4;
  for (const p of PARAMS) {
    const def = p.default === '' ? '""' : p.default;
    lines.push(`  --${p.name.padEnd(width)}${p.help} (default: ${def})${p.immutable ? ' [startup only]' : ''}`);
  }
  lines.push('', 'Examples:', '  redwire --port 6380 --bind 0.0.0.0', '  redwire /etc/redwire.conf --loglevel verbose', '');
  return lines.join('\n');
}

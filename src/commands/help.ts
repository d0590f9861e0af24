// The HELP subcommand reply every container command shares (Redis addReplyHelp).
import { StatusReply, type Reply } from '../../protocols/reply.js';

/** "<CMD> <subcommand> ..." header, the given lines, then HELP's own entry; all status lines. */
export function helpReply(command: string, lines: string[]): Reply {
  const out: Reply[] = [new StatusReply(`${command.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`)];
  for (const l of lines) out.push(new StatusReply(l));
  out.push(new StatusReply('HELP'), new StatusReply('    Prints this help.'));
  return out;
}

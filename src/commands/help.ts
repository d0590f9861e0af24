// Replies every container command shares: HELP (Redis addReplyHelp) and the subcommand syntax error.
import { StatusReply, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { cString } from '../core/types/strtod.js';

/** "<CMD> <subcommand> ..." header, the given lines, then HELP's own entry; all status lines. */
export function helpReply(command: string, lines: string[]): Reply {
  const out: Reply[] = [new StatusReply(`${command.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`)];
  for (const l of lines) out.push(new StatusReply(l));
  out.push(new StatusReply('HELP'), new StatusReply('    Prints this help.'));
  return out;
}

/** Redis addReplySubcommandSyntaxError: "ERR unknown subcommand or wrong number of arguments for '<sub>'. Try <CMD> HELP." */
export function subcommandSyntaxError(argv: string[]): ErrorReply {
  return err(`ERR unknown subcommand or wrong number of arguments for '${cString(argv[1]).slice(0, 128)}'. Try ${argv[0].toUpperCase()} HELP.`);
}

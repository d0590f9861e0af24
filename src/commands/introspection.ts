// introspection commands (being written).
import type { CommandSpec } from './types.js';

export const introspectionCommands: CommandSpec[] = [];

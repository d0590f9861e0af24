// lists commands (being written).
import type { CommandSpec } from './types.js';

export const listsCommands: CommandSpec[] = [];

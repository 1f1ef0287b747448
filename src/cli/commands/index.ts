/**
 * Every CLI command, by name. Add a command: write commands/<name>.ts exporting a
 * `CliCommand`, then list it here.
 */
import type { CliCommand } from '../command';
import { evalQrsCommand } from './eval-qrs';
import { infoCommand } from './info';

export const COMMANDS: readonly CliCommand[] = [infoCommand, evalQrsCommand];

/**
 * Every CLI command, by name. Add a command: write commands/<name>.ts exporting a
 * `CliCommand`, then list it here.
 */
import type { CliCommand } from '../command';
import { calibrateCommand } from './calibrate';
import { evalNoiseCommand } from './eval-noise';
import { evalQrsCommand } from './eval-qrs';
import { evalSelectiveCommand } from './eval-selective';
import { ensembleCommand } from './ensemble';
import { evaluateCommand } from './evaluate';
import { exportCommand } from './export';
import { fitPriorsCommand } from './fit-priors';
import { ganTrainCommand } from './gan-train';
import { gradCamCommand } from './grad-cam';
import { infoCommand } from './info';
import { irregularRhythmCommand } from './irregular-rhythm';
import { predictCommand } from './predict';
import { reportCommand } from './report';
import { trainCommand } from './train';

export const COMMANDS: readonly CliCommand[] = [infoCommand, evalQrsCommand, trainCommand, evaluateCommand, calibrateCommand, predictCommand, exportCommand, reportCommand, evalSelectiveCommand, evalNoiseCommand, ensembleCommand, ganTrainCommand, gradCamCommand, fitPriorsCommand, irregularRhythmCommand];

/** `plum export`: the export stage alone, reading and writing the run directory. Thin wrapper over src/pipeline. */
import { pipelineCommand } from '../pipeline/stage-command.js';

export const command = pipelineCommand('export');

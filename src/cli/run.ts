/** `plum run`: every stage of the pipeline in order, resuming where a previous run stopped. Thin wrapper over src/pipeline. */
import { pipelineCommand } from '../pipeline/stage-command.js';

export const command = pipelineCommand();

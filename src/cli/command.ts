/** What every `plum <command>` module exports: a thin wrapper over a stage function. */
export interface CliCommand {
  name: string;
  /** One line for `plum --help`. */
  summary: string;
  /** Full usage text for `plum <command> --help`. */
  usage: string;
  /** Runs the command; returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

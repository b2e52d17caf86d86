/**
 * The one entry point of the analysis core: `lint(files, options)` analyses a
 * group of Python files together (cross-file) and returns findings and the
 * files it could not analyse. The CLI and the language server are thin layers
 * over this function.
 */
import type { LintResult, LintSettings, SourceInput } from './types';

export interface LintOptions {
  settings: LintSettings;
  /** Worker threads for the per-file work; 0 analyses on the calling thread. Default: chosen by file count. */
  workers?: number;
  /** Called as files finish their per-file pass. */
  onProgress?: (done: number, total: number) => void;
}

export async function lint(_inputs: SourceInput[], _options: LintOptions): Promise<LintResult> {
  throw new Error('not implemented yet');
}

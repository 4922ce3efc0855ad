import type { Result } from '../flags/errors.js';

/**
 * Everything the CLI touches outside itself. `main` gets one of these, so every command can be run
 * and checked in a test without spawning a process.
 */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Result<string>;
  /** Writes a whole file or nothing: a temporary file renamed into place, directories created. */
  readonly writeFileAtomic: (path: string, text: string) => Result<void>;
  readonly fileExists: (path: string) => boolean;
  /** A file of a git revision of the repository at `dir`; undefined where the revision lacks it. */
  readonly gitShow: (dir: string, rev: string, path: string) => Result<string | undefined>;
  /**
   * A JavaScript module's exports (verify --properties FILE), loaded synchronously; its own
   * exception, or a missing file, is an error naming the file.
   */
  readonly loadModule: (path: string) => Result<Record<string, unknown>>;
  /** The tags of the repository at `dir`. */
  readonly gitTags: (dir: string) => Result<string[]>;
  /** Whether reports may be written under this directory (it need not exist yet). */
  readonly outputDirectory: (path: string) => Result<void>;
  /** The terminal's width, where stderr is one. */
  readonly columns?: number;
  /** True when stderr is a terminal: progress lines are drawn there only then. */
  readonly isTTY: boolean;
}

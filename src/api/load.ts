import { editSubject, headerSubject, type Subject } from '../check/subject.js';
import { nodeIo } from '../cli/nodeIo.js';
import { kernelId } from '../cli/options.js';
import { loadSubject } from '../cli/subjectOptions.js';
import { readHeader } from '../flags/header/readHeader.js';
import { orThrow } from './error.js';

/**
 * What the library checks: the masks and flags of a kernel, header or tree (perhaps edited), with
 * the control flow of the built-in kernel that models them. The same object `tifcheck verify`
 * checks; read its `kernel`, `pathsFrom`, `notes` and `input.behaviour.paths`.
 */
export type Model = Subject;

/** A built-in kernel (`v3.13`, `v6.14`: tifcheck list), with mask edits (`MASK+=FLAG`) applied. */
export function loadKernel(id: string, edits: readonly string[] = []): Model {
  return orThrow(loadSubject(nodeIo, 'loadKernel', { kernel: id, edits }));
}

/**
 * A thread_info.h given as text, read as x86-64. `paths` names the built-in kernel whose control
 * flow its masks drive; by default the one whose masks fit it best (as `--header` chooses).
 */
export function loadHeader(
  text: string,
  options: { readonly file?: string; readonly paths?: string; readonly edits?: readonly string[] } = {},
): Model {
  const paths = options.paths === undefined ? undefined : orThrow(kernelId('paths', options.paths));
  const header = orThrow(readHeader(text, options.file ?? 'thread_info.h'));
  return orThrow(headerSubject(header, paths, options.edits ?? []));
}

/** A kernel tree on disk, or a git revision of it: as `tifcheck verify --tree DIR [--rev REV]`. */
export function loadTree(
  dir: string,
  options: { readonly rev?: string; readonly edits?: readonly string[] } = {},
): Model {
  return orThrow(
    loadSubject(nodeIo, 'loadTree', {
      tree: dir,
      ...(options.rev === undefined ? {} : { rev: options.rev }),
      edits: options.edits ?? [],
    }),
  );
}

/** The model with more mask edits applied (a proposed change). */
export function edit(model: Model, edits: readonly string[]): Model {
  return orThrow(editSubject(model, edits));
}

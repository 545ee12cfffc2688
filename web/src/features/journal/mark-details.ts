// A mark's details in the grid (issue 6 item 3): its comment and КЭС codes — which codes may be
// typed, what a save sends (only what changed), how a cell names its marks' comments, and the codes
// a work programme's codifier offers.
import { maxMarkCommentLength, type GridCellDto } from '../../../../contracts/journal';
import type { ContentElementDto } from '../../../../contracts/work-programmes';
import type { MarkValue } from '../../../../domain/mark-scale';
import { markText } from './grid-model';

/** A КЭС code as the server takes it: «1», «1.2», «1.2.3», «1.2.3.4». */
export const contentElementCodePattern = /^[0-9]+(\.[0-9]+){0,3}$/;
/** The most codes one mark may carry (the server's limit). */
export const maxMarkCodes = 20;

export const isContentElementCode = (code: string): boolean => contentElementCodePattern.test(code);

/** Codes as the person left them: trimmed, empty ones dropped, each once, in the order given. */
export function normalizeCodes(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of codes) {
    const code = raw.trim();
    if (code !== '') seen.add(code);
  }
  return [...seen];
}

export type MarkDetails = { comment: string | null; contentElementCodes: readonly string[] };
export type MarkDetailsDraft = { comment: string; codes: readonly string[] };
/** The fields of PATCH …/journal/marks/:id a details save sends. */
export type MarkDetailsPatch = { comment?: string | null; contentElementCodes?: string[] };

/** What is wrong with a draft, in Russian; null when it may be sent. */
export function draftProblem(draft: MarkDetailsDraft): string | null {
  if (draft.comment.length > maxMarkCommentLength) return `Комментарий: не длиннее ${maxMarkCommentLength} символов`;
  const codes = normalizeCodes(draft.codes);
  const wrong = codes.filter((c) => !isContentElementCode(c));
  if (wrong.length > 0) return `Код КЭС вида «1», «1.2», «1.2.3»: не подходит ${wrong.map((c) => `«${c}»`).join(', ')}`;
  if (codes.length > maxMarkCodes) return `Не больше ${maxMarkCodes} кодов КЭС`;
  return null;
}

/**
 * The change a draft makes to a mark: only the fields that differ (the comment as typed; blank
 * clears it), or null when nothing changed. Codes compare as sets: their order means nothing.
 */
export function detailsPatch(mark: MarkDetails, draft: MarkDetailsDraft): MarkDetailsPatch | null {
  const patch: MarkDetailsPatch = {};
  const comment = draft.comment.trim() === '' ? null : draft.comment;
  if (comment !== (mark.comment === '' ? null : mark.comment)) patch.comment = comment;
  const codes = normalizeCodes(draft.codes);
  const before = new Set(mark.contentElementCodes);
  if (codes.length !== before.size || codes.some((c) => !before.has(c))) patch.contentElementCodes = codes;
  return Object.keys(patch).length === 0 ? null : patch;
}

/** The comments of the grid's marks by mark id (marks without one left out). */
export function commentsByMark(cells: readonly Pick<GridCellDto, 'marks'>[]): Map<string, string> {
  const comments = new Map<string, string>();
  for (const cell of cells) for (const m of cell.marks) if (m.comment !== null && m.comment !== '') comments.set(m.id, m.comment);
  return comments;
}

/**
 * A cell's comments for its title and its label: «молодец» for one commented mark of one,
 * «5 — молодец; 4 — переписать» when the cell holds several; null when none has a comment.
 */
export function cellCommentNote(
  marks: readonly { id: string; value: MarkValue | null }[], comments: ReadonlyMap<string, string>,
): string | null {
  const commented = marks.filter((m) => comments.has(m.id));
  if (commented.length === 0) return null;
  if (marks.length === 1) return comments.get(commented[0]!.id)!;
  return commented.map((m) => `${markText(m.value)} — ${comments.get(m.id)!}`).join('; ');
}

export type CodeOption = { value: string; label: string };

/**
 * The codes to pick from: the codifiers' elements (each code once, in codifier order, «1.2 Дроби»)
 * and then the codes a mark already carries that none of them has, so that none is lost by a save.
 */
export function codeOptions(elements: readonly Pick<ContentElementDto, 'code' | 'title'>[], kept: readonly string[] = []): CodeOption[] {
  const options = new Map<string, CodeOption>();
  for (const e of elements) if (!options.has(e.code)) options.set(e.code, { value: e.code, label: `${e.code} ${e.title}` });
  for (const code of kept) if (!options.has(code)) options.set(code, { value: code, label: code });
  return [...options.values()];
}

// Requests of the class journal: the grids a person may open, a grid, a journal lesson, and the
// writes of marks, attendance and topics. A write a teacher's client may retry carries an
// Idempotency-Key made once per action (crypto.randomUUID) and sent again on a retry after a lost
// connection; an edit carries the version it edited as If-Match.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AttendanceCellDto, AttendanceColumnDto, DeletedDto, EnsureJournalLessonBody, GridDto, GridListDto, HistoryDto, JournalLessonDetailDto,
  JournalLessonDto, MarkDto, MarkListDto, NewMarkInput, PutAttendanceBody, UpdateJournalLessonBody, UpdateMarkBody,
} from '../../../../../contracts/journal';
import type { NextTopicDto } from '../../../../../contracts/work-programmes';
import { api, isApiError } from '../../../lib/api';
import type { CellOp } from '../grid-model';
import type { OpResult } from '../grid-data';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const id = encodeURIComponent;
const search = (params: Record<string, string | number | undefined | null>): string => {
  const s = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') s.set(key, String(value));
  return s.toString();
};

export const journalKey = (schoolId: string) => ['journal', schoolId] as const;

/** A new key for one action of a person; a retry of that action sends the same one. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

const keyed = (key: string) => ({ 'Idempotency-Key': key });
const ifMatch = (version: number) => ({ 'If-Match': String(version) });

/** Sends a write again (at most twice, after a short wait) when the connection was lost; the same key and body make a retry safe. */
export async function withRetry<T>(send: () => Promise<T>, waits: readonly number[] = [400, 1200]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isApiError(error, 'NETWORK_ERROR') || attempt >= waits.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, waits[attempt]));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reads

export const gridListQuery = (schoolId: string) => queryOptions({
  queryKey: [...journalKey(schoolId), 'grids'],
  queryFn: () => api.get<GridListDto>(`${base(schoolId)}/journal/grids`),
});

/** Which grid: a subject of a class or of a study group, and the term (absent: today's). */
export type GridTarget = { subjectId: string; classId?: string | undefined; studyGroupId?: string | undefined; periodId?: string | undefined };

export const gridQuery = (schoolId: string, target: GridTarget) => queryOptions({
  queryKey: [...journalKey(schoolId), 'grid', target.subjectId, target.classId ?? null, target.studyGroupId ?? null, target.periodId ?? null],
  queryFn: () => api.get<GridDto>(`${base(schoolId)}/journal/grid?${search({ ...target })}`),
});

export const journalLessonQuery = (schoolId: string, journalLessonId: string) => queryOptions({
  queryKey: [...journalKey(schoolId), 'lesson', journalLessonId],
  queryFn: () => api.get<JournalLessonDetailDto>(`${base(schoolId)}/journal/lessons/${id(journalLessonId)}`),
});

export const historyQuery = (schoolId: string, journalLessonId: string, studentId: string | null) => queryOptions({
  queryKey: [...journalKey(schoolId), 'history', journalLessonId, studentId],
  queryFn: () => api.get<HistoryDto>(`${base(schoolId)}/journal/history?${search({ journalLessonId, studentId })}`),
  staleTime: 0,
});

export type NextTopicTarget = { subjectId: string; classId: string | null; studyGroupId: string | null; date: string; lessonNumber: number };

export const nextTopicQuery = (schoolId: string, t: NextTopicTarget) => queryOptions({
  queryKey: ['workProgrammes', schoolId, 'nextTopic', t],
  queryFn: () => api.get<NextTopicDto>(`${base(schoolId)}/work-programmes/next-topic?${search({ ...t })}`),
  retry: false,
});

// ---------------------------------------------------------------------------------------------
// Writes

/** The journal lesson of a dated timetable lesson, made on the first call (decision 020). */
export const ensureJournalLesson = (schoolId: string, body: EnsureJournalLessonBody): Promise<JournalLessonDto> =>
  withRetry(() => api.post<JournalLessonDto>(`${base(schoolId)}/journal/lessons`, body));

export function useEnsureJournalLesson(schoolId: string) {
  return useMutation({ mutationFn: (body: EnsureJournalLessonBody) => ensureJournalLesson(schoolId, body) });
}

/**
 * Sends one request of a cell's edit. `key` is the action's Idempotency-Key; a cell's edit of
 * several requests gives each its own suffix, so that a retried action repeats none of them.
 */
export async function sendCellOp(
  schoolId: string, journalLessonId: string, studentId: string, op: CellOp,
  options: { key: string; reason?: string | undefined; debtDeadline?: string | undefined },
): Promise<OpResult> {
  const reason = options.reason !== undefined && options.reason.trim() !== '' ? { reason: options.reason.trim() } : {};
  switch (op.kind) {
    case 'createMark': {
      const body = {
        journalLessonId, studentId, controlFormId: op.controlFormId, ...reason,
        ...(op.isDebt ? { isDebt: true, debtDeadline: options.debtDeadline } : { value: op.value! }),
      };
      const mark = await withRetry(() => api.post<MarkDto>(`${base(schoolId)}/journal/marks`, body, { headers: keyed(options.key) }));
      return { kind: 'mark', mark };
    }
    case 'updateMark': {
      const body = { ...(op.value !== null ? { value: op.value } : {}), controlFormId: op.controlFormId, ...reason };
      const mark = await withRetry(() => api.patch<MarkDto>(`${base(schoolId)}/journal/marks/${id(op.markId)}`, body, { headers: ifMatch(op.version) }));
      return { kind: 'mark', mark };
    }
    case 'deleteMark': {
      await withRetry(() => api.delete<DeletedDto>(`${base(schoolId)}/journal/marks/${id(op.markId)}`, { body: reason, headers: ifMatch(op.version) }));
      return { kind: 'deleted', markId: op.markId };
    }
    case 'setAttendance': {
      const body = { code: op.code, ...(op.minutesLate !== null ? { minutes: op.minutesLate } : {}), ...reason };
      const headers = { ...keyed(options.key), ...(op.version !== null && op.version > 0 ? ifMatch(op.version) : {}) };
      const cell = await withRetry(() => api.put<AttendanceCellDto>(
        `${base(schoolId)}/journal/lessons/${id(journalLessonId)}/attendance/${id(studentId)}`, body, { headers }));
      return { kind: 'attendance', cell };
    }
  }
}

/** A mark's comment and КЭС codes (and nothing else), under the version the dialog read. */
export const updateMarkDetails = (
  schoolId: string, markId: string, version: number, body: Pick<UpdateMarkBody, 'comment' | 'contentElementCodes' | 'reason'>,
): Promise<MarkDto> =>
  withRetry(() => api.patch<MarkDto>(`${base(schoolId)}/journal/marks/${id(markId)}`, body, { headers: ifMatch(version) }));

export type LessonUpdate = UpdateJournalLessonBody & { version: number };

export function useUpdateJournalLesson(schoolId: string, journalLessonId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...body }: LessonUpdate) =>
      withRetry(() => api.patch<JournalLessonDto>(`${base(schoolId)}/journal/lessons/${id(journalLessonId)}`, body, { headers: ifMatch(version) })),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) }); },
  });
}

/** The whole attendance column of a lesson in one request. */
export function usePutAttendance(schoolId: string, journalLessonId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: PutAttendanceBody; key: string }) =>
      withRetry(() => api.put<AttendanceColumnDto>(`${base(schoolId)}/journal/lessons/${id(journalLessonId)}/attendance`, body, { headers: keyed(key) })),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) }); },
  });
}

/** A column of new marks in one request (all or nothing). */
export function useBulkMarks(schoolId: string, journalLessonId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ marks, reason, key }: { marks: NewMarkInput[]; reason?: string | undefined; key: string }) =>
      withRetry(() => api.post<MarkListDto>(`${base(schoolId)}/journal/lessons/${id(journalLessonId)}/marks`,
        { marks, ...(reason ? { reason } : {}) }, { headers: keyed(key) })),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) }); },
  });
}

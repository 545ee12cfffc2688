// Control works (goal of section 2, G4): the points → mark scale of a work, the mark a total of
// points gets, and the element-wise analysis (поэлементный анализ) — per task the share of the
// students who wrote the work that mastered it, per КЭС element the share of its task-points
// mastered — with the marks' distribution and averages. Pure: the server stores what this computes.

/** Marks a points scale gives, from the highest down. */
export const pointsScaleMarks = [5, 4, 3, 2] as const;
export type PointsScaleMark = (typeof pointsScaleMarks)[number];
/** A row of a points scale: a total from `from` points (inclusive) up to the next higher row's threshold is `mark`. */
export type PointsScaleRow = { from: number; mark: PointsScaleMark };
export type PointsScale = readonly PointsScaleRow[];

export type ControlWorkIssue = { path: string; code: string; message: string };

/** Task points and thresholds are kept with one decimal (numeric(5,1)): 0,5 for half a point. */
export const isPointsStep = (x: number): boolean => Number.isFinite(x) && Math.abs(x * 10 - Math.round(x * 10)) < 1e-9;
/** The most points one task may be worth (control_work_tasks_points_check). */
export const maxTaskPoints = 100;

const num = (x: number): string => String(Math.round(x * 10) / 10).replace('.', ',');

/**
 * Problems of a points scale (paths `pointsScale.N.from` / `.mark`): the rows are the marks 5, 4, 3
 * and 2 in this order, with thresholds falling strictly as the mark falls, the top one at most the
 * work's total of points (else «5» can never be given), the lowest — for «2» — at 0 so that every
 * total gets a mark; thresholds are 0 or more, in steps of 0,1.
 */
export function pointsScaleIssues(scale: readonly { from: number; mark: number }[], totalMaxPoints: number, path = 'pointsScale'): ControlWorkIssue[] {
  const issues: ControlWorkIssue[] = [];
  if (scale.length !== pointsScaleMarks.length) {
    return [{ path, code: 'SCALE_ROWS', message: 'Шкала перевода баллов: нужны четыре строки — для отметок 5, 4, 3 и 2' }];
  }
  scale.forEach((row, i) => {
    const expected = pointsScaleMarks[i]!;
    if (row.mark !== expected) {
      issues.push({ path: `${path}.${i}.mark`, code: 'MARKS_NOT_DESCENDING', message: `Шкала перевода баллов: строка ${i + 1} — для отметки ${expected} (отметки по убыванию: 5, 4, 3, 2)` });
    }
    if (!isPointsStep(row.from) || row.from < 0) {
      issues.push({ path: `${path}.${i}.from`, code: 'THRESHOLD_INVALID', message: `Порог отметки ${expected}: число баллов от 0, с шагом 0,1` });
    }
  });
  if (issues.length > 0) return issues;
  for (let i = 1; i < scale.length; i += 1) {
    const higher = scale[i - 1]!;
    const lower = scale[i]!;
    if (lower.from >= higher.from) {
      issues.push({
        path: `${path}.${i}.from`, code: 'THRESHOLDS_NOT_DESCENDING',
        message: `Порог отметки ${lower.mark} (${num(lower.from)}) должен быть ниже порога отметки ${higher.mark} (${num(higher.from)})`,
      });
    }
  }
  const top = scale[0]!;
  if (top.from > totalMaxPoints) {
    issues.push({
      path: `${path}.0.from`, code: 'THRESHOLD_ABOVE_MAX',
      message: `Порог отметки 5 (${num(top.from)}) больше суммы баллов за работу (${num(totalMaxPoints)})`,
    });
  }
  const lowest = scale[scale.length - 1]!;
  if (lowest.from !== 0) {
    issues.push({ path: `${path}.${scale.length - 1}.from`, code: 'LOWEST_NOT_ZERO', message: 'Порог отметки 2: должен быть 0, чтобы отметку получал любой результат' });
  }
  return issues;
}

/**
 * The mark of a total of points: the row with the highest threshold not above it. A total below
 * every threshold (only when the scale is unsound) gets the lowest row's mark.
 */
export function markFromPoints(total: number, scale: PointsScale): PointsScaleMark {
  let best: PointsScaleRow | null = null;
  let lowest: PointsScaleRow | null = null;
  for (const row of scale) {
    if (row.from <= total + 1e-9 && (best === null || row.from > best.from)) best = row;
    if (lowest === null || row.from < lowest.from) lowest = row;
  }
  return (best ?? lowest)?.mark ?? 2;
}

/** Shares of the total a scale suggests for a new work (those of the default hundred-point table: 85, 65, 45 %). */
export const suggestedScaleShares = [0.85, 0.65, 0.45] as const;

/** A sound scale for a total of points (at least 0,3): 85 %, 65 %, 45 % of it rounded up to 0,1, then 0. */
export function suggestedPointsScale(totalMaxPoints: number): PointsScaleRow[] {
  const tenths = Math.max(3, Math.round(totalMaxPoints * 10));
  const thresholds: number[] = [];
  let previous = tenths + 1;
  for (const share of suggestedScaleShares) {
    const t = Math.min(previous - 1, Math.max(suggestedScaleShares.length - thresholds.length, Math.ceil(tenths * share - 1e-9)));
    thresholds.push(t);
    previous = t;
  }
  return [
    { from: thresholds[0]! / 10, mark: 5 }, { from: thresholds[1]! / 10, mark: 4 }, { from: thresholds[2]! / 10, mark: 3 }, { from: 0, mark: 2 },
  ];
}

// --- The analysis ---------------------------------------------------------------------------------

/**
 * When a student has mastered a task: at least `share` of its points, and — for a task worth one
 * point, where half a point would be a guess — the whole point when `fullForOnePoint`. The default
 * (50 %, the full point for one-point tasks) is the usual reading of ВПР/ОГЭ analyses.
 */
export type Mastery = { share: number; fullForOnePoint: boolean };
export const defaultMastery: Mastery = { share: 0.5, fullForOnePoint: true };

export const isMastered = (points: number, maxPoints: number, mastery: Mastery = defaultMastery): boolean =>
  maxPoints === 1 && mastery.fullForOnePoint ? points >= 1 - 1e-9 : points >= mastery.share * maxPoints - 1e-9;

export type AnalysisTask = { id: string; label: string; maxPoints: number; contentElementCodes: readonly string[] };
/** A student's points by task, in the order of the tasks; null: empty. All null: «не писал». */
export type StudentPoints = { studentId: string; points: readonly (number | null)[] };

export type TaskAnalysis = {
  taskId: string;
  label: string;
  maxPoints: number;
  /** Students who wrote the work and mastered the task. */
  mastered: number;
  /** mastered / written; null when nobody wrote. */
  share: number | null;
  averagePoints: number | null;
};

export type ElementAnalysis = {
  code: string;
  /** The tasks tagged with the element, in the work's order. */
  taskIds: string[];
  /** Σ max points of those tasks. */
  maxPoints: number;
  /** Task-points mastered over those possible: Σ max of every (student, task) mastered / (written × Σ max); null when nobody wrote. */
  share: number | null;
  /** Points gained over those possible: Σ points / (written × Σ max). */
  pointsShare: number | null;
};

export type MarksDistribution = Record<`${PointsScaleMark}`, number>;

export type ControlWorkAnalysis = {
  /** Students with at least one result. */
  written: number;
  /** Students given without any result: «не писал», counted nowhere else. */
  absent: number;
  tasks: TaskAnalysis[];
  elements: ElementAnalysis[];
  marks: MarksDistribution;
  averageMark: number | null;
  averagePoints: number | null;
  /** Share with 3, 4 or 5 (успеваемость) and with 4 or 5 (качество); null when nobody wrote. */
  successShare: number | null;
  qualityShare: number | null;
  mastery: Mastery;
};

/** Whether a student wrote the work: any task has a result. */
export const hasWritten = (row: StudentPoints): boolean => row.points.some((p) => p !== null);

/** A student's total; an empty cell of a written work counts 0. */
export const totalPoints = (points: readonly (number | null)[]): number =>
  Math.round(points.reduce<number>((s, p) => s + (p ?? 0), 0) * 10) / 10;

/** «1.2» before «1.10», «2» after «1.9.9». */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return x - y;
  }
  return 0;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function analyseControlWork(
  tasks: readonly AnalysisTask[], rows: readonly StudentPoints[], scale: PointsScale, mastery: Mastery = defaultMastery,
): ControlWorkAnalysis {
  const written = rows.filter(hasWritten);
  const n = written.length;
  const at = (row: StudentPoints, i: number): number => row.points[i] ?? 0;

  const taskAnalysis: TaskAnalysis[] = tasks.map((task, i) => {
    let mastered = 0;
    let sum = 0;
    for (const row of written) {
      const p = at(row, i);
      sum += p;
      if (isMastered(p, task.maxPoints, mastery)) mastered += 1;
    }
    return { taskId: task.id, label: task.label, maxPoints: task.maxPoints, mastered, share: ratio(mastered, n), averagePoints: ratio(sum, n) };
  });

  const codes = [...new Set(tasks.flatMap((t) => t.contentElementCodes))].sort(compareCodes);
  const elements: ElementAnalysis[] = codes.map((code) => {
    const indexes = tasks.flatMap((t, i) => (t.contentElementCodes.includes(code) ? [i] : []));
    const maxPoints = indexes.reduce((s, i) => s + tasks[i]!.maxPoints, 0);
    let masteredPoints = 0;
    let gained = 0;
    for (const row of written) {
      for (const i of indexes) {
        const task = tasks[i]!;
        const p = Math.min(at(row, i), task.maxPoints);
        gained += p;
        if (isMastered(p, task.maxPoints, mastery)) masteredPoints += task.maxPoints;
      }
    }
    return { code, taskIds: indexes.map((i) => tasks[i]!.id), maxPoints, share: ratio(masteredPoints, n * maxPoints), pointsShare: ratio(gained, n * maxPoints) };
  });

  const marks: MarksDistribution = { 5: 0, 4: 0, 3: 0, 2: 0 };
  let markSum = 0;
  let pointSum = 0;
  for (const row of written) {
    const total = totalPoints(row.points);
    const mark = markFromPoints(total, scale);
    marks[mark] += 1;
    markSum += mark;
    pointSum += total;
  }
  return {
    written: n,
    absent: rows.length - n,
    tasks: taskAnalysis,
    elements,
    marks,
    averageMark: ratio(markSum, n),
    averagePoints: ratio(pointSum, n),
    successShare: ratio(marks[5] + marks[4] + marks[3], n),
    qualityShare: ratio(marks[5] + marks[4], n),
    mastery,
  };
}

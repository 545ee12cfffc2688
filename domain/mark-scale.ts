// Mark scales (SPEC B6): the five-point scale, зачёт/незачёт, and a hundred-point scale with a
// conversion table to the five-point one. Pure rules: which values a scale accepts, what a value
// counts as in a weighted average, and whether a conversion table is sound.

export const markScaleKinds = ['five', 'passFail', 'hundred'] as const;
export type MarkScaleKind = (typeof markScaleKinds)[number];
export const markScaleKindTitles: Record<MarkScaleKind, string> = { five: 'Пятибалльная', passFail: 'Зачёт/незачёт', hundred: 'Стобалльная' };

/** Five-point marks a conversion table gives (a hundred-point result never converts to 1). */
export const convertedMarks = [5, 4, 3, 2] as const;
export type ConvertedMark = (typeof convertedMarks)[number];
/** A row of a conversion table: a result from `from` points (inclusive) up to the next row's threshold is `mark`. */
export type ConversionRow = { from: number; mark: ConvertedMark };
export type ConversionTable = readonly ConversionRow[];

export type MarkScale = { kind: MarkScaleKind; conversion?: ConversionTable | null };

/** A mark as entered: a number on the five- or hundred-point scale, or pass / fail. */
export type MarkValue = number | 'pass' | 'fail';

/** The table the default «Стобалльная» scale starts with: 85→5, 65→4, 45→3, 0→2. */
export const defaultConversion: ConversionTable = [
  { from: 85, mark: 5 }, { from: 65, mark: 4 }, { from: 45, mark: 3 }, { from: 0, mark: 2 },
];

/** The three scales every school has (created on first use). */
export const defaultScales: readonly { kind: MarkScaleKind; name: string; conversion: ConversionTable | null }[] = [
  { kind: 'five', name: 'Пятибалльная', conversion: null },
  { kind: 'passFail', name: 'Зачёт/незачёт', conversion: null },
  { kind: 'hundred', name: 'Стобалльная', conversion: defaultConversion },
];

/**
 * The five-point scale accepts 1–5: «1» is part of the traditional Russian scale and a school's
 * local act may use it (decision 011); the conversion table of a hundred-point scale gives 2–5.
 */
export const fivePointRange = { min: 1, max: 5 } as const;

export function isValidValue(scale: MarkScale, value: MarkValue): boolean {
  switch (scale.kind) {
    case 'five': return typeof value === 'number' && Number.isInteger(value) && value >= fivePointRange.min && value <= fivePointRange.max;
    case 'passFail': return value === 'pass' || value === 'fail';
    case 'hundred': return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
  }
}

/**
 * What a mark counts as in a weighted average on the five-point scale: the value itself on the
 * five-point scale, the table's mark for a hundred-point result, null for pass / fail (not in
 * averages) and for a value the scale does not accept.
 */
export function toFivePoint(scale: MarkScale, value: MarkValue): number | null {
  if (!isValidValue(scale, value)) return null;
  switch (scale.kind) {
    case 'five': return value as number;
    case 'passFail': return null;
    case 'hundred': {
      const table = scale.conversion && conversionIssues(scale.conversion).length === 0 ? scale.conversion : defaultConversion;
      let mark: number | null = null;
      let best = -1;
      for (const row of table) if (row.from <= (value as number) && row.from > best) { best = row.from; mark = row.mark; }
      return mark;
    }
  }
}

export type ScaleIssue = { path: string; code: string; message: string };

/**
 * Problems of a conversion table (paths `conversion.N.from` / `.mark`): four rows, marks 5, 4, 3
 * and 2 once each, thresholds whole numbers 0–100 strictly decreasing as the mark goes down, and
 * the lowest threshold 0 so that every result converts.
 */
export function conversionIssues(table: readonly { from: number; mark: number }[], path = 'conversion'): ScaleIssue[] {
  const issues: ScaleIssue[] = [];
  const seen = new Set<number>();
  table.forEach((row, i) => {
    if (!(convertedMarks as readonly number[]).includes(row.mark)) {
      issues.push({ path: `${path}.${i}.mark`, code: 'MARK_INVALID', message: 'Отметка: 5, 4, 3 или 2' });
    } else if (seen.has(row.mark)) {
      issues.push({ path: `${path}.${i}.mark`, code: 'MARK_REPEATED', message: `Отметка ${row.mark} встречается дважды` });
    } else {
      seen.add(row.mark);
    }
    if (!Number.isInteger(row.from) || row.from < 0 || row.from > 100) {
      issues.push({ path: `${path}.${i}.from`, code: 'THRESHOLD_INVALID', message: `Порог отметки ${row.mark}: целое число от 0 до 100` });
    }
  });
  for (const mark of convertedMarks) {
    if (!seen.has(mark)) issues.push({ path, code: 'MARK_MISSING', message: `Таблица перевода: нет строки для отметки ${mark}` });
  }
  if (issues.length > 0) return issues;
  const byMark = table.map((row, i) => ({ ...row, i })).sort((a, b) => b.mark - a.mark);
  for (let k = 1; k < byMark.length; k += 1) {
    const higher = byMark[k - 1]!;
    const lower = byMark[k]!;
    if (lower.from >= higher.from) {
      issues.push({
        path: `${path}.${lower.i}.from`, code: 'THRESHOLDS_NOT_DECREASING',
        message: `Порог отметки ${lower.mark} (${lower.from}) должен быть ниже порога отметки ${higher.mark} (${higher.from})`,
      });
    }
  }
  const lowest = byMark[byMark.length - 1]!;
  if (lowest.from !== 0) {
    issues.push({ path: `${path}.${lowest.i}.from`, code: 'LOWEST_NOT_ZERO', message: `Порог отметки ${lowest.mark}: должен быть 0, чтобы переводился любой результат` });
  }
  return issues;
}

/** The table ordered from 5 down to 2 (how it is stored and shown). */
export const sortedConversion = (table: ConversionTable): ConversionRow[] => [...table].sort((a, b) => b.mark - a.mark);

/** Weights of control forms: more than 0, at most 10, in steps of 0.05. */
export const weightRange = { max: 10, step: 0.05 } as const;
export const isWeightStep = (weight: number): boolean => Math.abs(weight * 20 - Math.round(weight * 20)) < 1e-9;

// Weighted averages of one student × subject × period (SPEC C2) and the explanation the journal
// shows beside them: which marks counted with which weights, which did not and why, the school's
// rounding rule and the period mark it suggests.

import { formatAverage, suggestPeriodMark, type Mark, type MarkEntryPolicy, type Rounding } from './mark-policy';
import { isWeightStep, markScaleKindTitles, toFivePoint, weightRange, type MarkScale, type MarkValue } from './mark-scale';

/** A regular mark, or a «точка» — a debt that counts only once it turns into a mark. */
export const averageMarkKinds = ['regular', 'debt'] as const;
export type AverageMarkKind = (typeof averageMarkKinds)[number];

/** A mark as the average sees it; a debt may have no value yet. */
export type AverageMark = {
  value: MarkValue | null;
  scale: MarkScale;
  /** The control form's weight: more than 0, at most 10. */
  weight: number;
  controlFormName: string;
  /** Local ISO date of the lesson or work. */
  date: string;
  kind: AverageMarkKind;
};

export type CountedMark = { value: MarkValue; fivePoint: number; weight: number; formName: string; date: string };

export const skipCodes = ['DEBT', 'PASS_FAIL', 'NO_VALUE', 'VALUE_INVALID', 'WEIGHT_INVALID'] as const;
export type SkipCode = (typeof skipCodes)[number];
export type SkippedMark = { value: MarkValue | null; formName: string; date: string; code: SkipCode; reason: string };

export type AverageExplanation = {
  average: number | null;
  counted: CountedMark[];
  skipped: SkippedMark[];
  sumWeighted: number;
  sumWeights: number;
  /** The policy's rounding rule, in Russian. */
  rounding: string;
  /** The suggested period mark; null when there is no average or fewer marks than the policy asks. */
  suggested: Mark | null;
  /** Why that mark is suggested, or why none is. */
  suggestedReason: string;
};

const isWeight = (w: number): boolean => Number.isFinite(w) && w > 0 && w <= weightRange.max;

/** Whether a mark counts, and as what on the five-point scale; otherwise why not. */
function classify(mark: AverageMark): { fivePoint: number } | { code: SkipCode; reason: string } {
  if (mark.kind === 'debt') return { code: 'DEBT', reason: '«Точка» (долг) не учитывается, пока не станет отметкой' };
  if (mark.value === null) return { code: 'NO_VALUE', reason: 'Отметка без значения не учитывается' };
  if (!isWeight(mark.weight)) return { code: 'WEIGHT_INVALID', reason: `Вес формы контроля должен быть больше 0 и не больше ${weightRange.max}` };
  const fivePoint = toFivePoint(mark.scale, mark.value);
  if (fivePoint !== null) return { fivePoint };
  if (mark.scale.kind === 'passFail' && (mark.value === 'pass' || mark.value === 'fail')) {
    return { code: 'PASS_FAIL', reason: 'Зачёт/незачёт не переводится в баллы и не входит в средний балл' };
  }
  return { code: 'VALUE_INVALID', reason: `Значение не подходит к шкале «${markScaleKindTitles[mark.scale.kind]}»` };
}

type Sums = { sumWeighted: number; sumWeights: number; average: number | null };

/**
 * Σ value·weight / Σ weight. Weights on the 0,05 step (all a school can save) are summed as whole
 * twentieths, so the sums are exact and the average does not depend on the order of the marks.
 */
function sums(counted: readonly { fivePoint: number; weight: number }[]): Sums {
  if (counted.length === 0) return { sumWeighted: 0, sumWeights: 0, average: null };
  if (counted.every((m) => isWeightStep(m.weight))) {
    let vw = 0;
    let w = 0;
    for (const m of counted) {
      const units = Math.round(m.weight * 20);
      vw += m.fivePoint * units;
      w += units;
    }
    return { sumWeighted: vw / 20, sumWeights: w / 20, average: vw / w };
  }
  let vw = 0;
  let w = 0;
  for (const m of counted) {
    vw += m.fivePoint * m.weight;
    w += m.weight;
  }
  return { sumWeighted: vw, sumWeights: w, average: vw / w };
}

const countedOf = (marks: readonly AverageMark[]): CountedMark[] => marks.flatMap((m) => {
  const c = classify(m);
  return 'fivePoint' in c ? [{ value: m.value as MarkValue, fivePoint: c.fivePoint, weight: m.weight, formName: m.controlFormName, date: m.date }] : [];
});

/** Σ value·weight / Σ weight of plain numbers (weights > 0); null for none. */
export const weightedMean = (items: readonly { value: number; weight: number }[]): number | null =>
  sums(items.map((i) => ({ fivePoint: i.value, weight: i.weight }))).average;

/** The weighted average on the five-point scale over the marks that count; null when none does. */
export const weightedAverage = (marks: readonly AverageMark[]): number | null => sums(countedOf(marks)).average;

/** "4,6" — a threshold as a school writes it. */
const formatThreshold = (x: number): string => String(Number(x.toFixed(2))).replace('.', ',');

/** The rounding rule in Russian, as the journal shows it under an average. */
export function describeRounding(rounding: Rounding): string {
  if (rounding.kind === 'arithmetic') {
    return 'Математическое округление: от ,5 — вверх (3,5 → «4»), отметка не ниже «2» и не выше «5»';
  }
  const { five, four, three } = rounding;
  return `«5» — от ${formatThreshold(five)}, «4» — от ${formatThreshold(four)}, «3» — от ${formatThreshold(three)}, ниже — «2»`;
}

const marksWord = (n: number): string => {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return 'отметка';
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return 'отметки';
  return 'отметок';
};

/** «не меньше 1 отметки / 3 отметок». */
const marksGenitive = (n: number): string => (n % 10 === 1 && n % 100 !== 11 ? 'отметки' : 'отметок');

function suggestionReason(average: number, mark: Mark, rounding: Rounding): string {
  const avg = formatAverage(average);
  if (rounding.kind === 'arithmetic') return `Средний балл ${avg} по математическому округлению даёт «${mark}»`;
  const threshold = mark === 5 ? rounding.five : mark === 4 ? rounding.four : mark === 3 ? rounding.three : null;
  return threshold === null
    ? `Средний балл ${avg} ниже порога «3» (${formatThreshold(rounding.three)}) — «2»`
    : `Средний балл ${avg} не ниже порога «${mark}» (${formatThreshold(threshold)}) — «${mark}»`;
}

/** Everything the journal shows about an average: the marks, the sums, the rule and the suggestion. */
export function explainAverage(marks: readonly AverageMark[], policy: MarkEntryPolicy): AverageExplanation {
  const counted: CountedMark[] = [];
  const skipped: SkippedMark[] = [];
  for (const m of marks) {
    const c = classify(m);
    if ('fivePoint' in c) counted.push({ value: m.value as MarkValue, fivePoint: c.fivePoint, weight: m.weight, formName: m.controlFormName, date: m.date });
    else skipped.push({ value: m.value, formName: m.controlFormName, date: m.date, code: c.code, reason: c.reason });
  }
  const { sumWeighted, sumWeights, average } = sums(counted);
  const rounding = describeRounding(policy.rounding);
  if (average === null) {
    return { average, counted, skipped, sumWeighted, sumWeights, rounding, suggested: null, suggestedReason: 'Нет отметок, которые входят в средний балл' };
  }
  const min = policy.minMarksForPeriodMark;
  if (counted.length < min) {
    return {
      average, counted, skipped, sumWeighted, sumWeights, rounding, suggested: null,
      suggestedReason: `Для отметки за период нужно не меньше ${min} ${marksGenitive(min)} — в среднем балле ${counted.length} ${marksWord(counted.length)}`,
    };
  }
  const suggested = suggestPeriodMark(average, policy.rounding);
  return { average, counted, skipped, sumWeighted, sumWeights, rounding, suggested, suggestedReason: suggestionReason(average, suggested, policy.rounding) };
}

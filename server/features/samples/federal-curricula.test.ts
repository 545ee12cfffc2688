// The shipped federal curricula pass the checks an area's curriculum sample passes, name their
// lines by catalogue codes, and add up to the mandatory totals of the federal curricula.
import { describe, expect, it } from 'vitest';
import { catalogueEntry } from '../../../domain/subject-catalogue';
import { federalBasic, federalPrimary, federalSecondary } from './federal-curricula';
import { checkContent, type FieldIssue } from './samples.service';

const totals = (c: typeof federalPrimary.content): number[] =>
  c.grades.map((_, i) => c.lines.reduce((sum, l) => sum + (l.hoursPerWeek[i] ?? 0), 0));

describe('federal curricula', () => {
  it.each([federalPrimary, federalBasic, federalSecondary])('$name is a valid curriculum sample of catalogue subjects', (f) => {
    const issues: FieldIssue[] = [];
    expect(checkContent('curriculum', f.content, issues)).toBeDefined();
    expect(issues).toEqual([]);
    for (const l of f.content.lines) expect(catalogueEntry(l.catalogueCode!)?.levels, l.subject).toContain(f.content.level);
  });

  it('add up to the mandatory weekly totals of ФОП НОО (20/22/22/23) and ООО (27/28/30/31/32)', () => {
    expect(totals(federalPrimary.content)).toEqual([20, 22, 22, 23]);
    expect(totals(federalBasic.content)).toEqual([27, 28, 30, 31, 32]);
  });
});

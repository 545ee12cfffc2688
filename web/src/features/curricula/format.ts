// Words and addresses of the curricula pages.
import type { Level } from '../../../../contracts/samples';

/** The address of a curriculum's page (the /year pages are routed by a helper that does not keep path types). */
export const curriculumPath = (curriculumId: string): string => `/year/curricula/${encodeURIComponent(curriculumId)}`;

export const levelOfGrade = (grade: number): Level => (grade <= 4 ? 'primary' : grade <= 9 ? 'basic' : 'secondary');
export const levelTitles: Record<Level, string> = { primary: 'НОО (1–4)', basic: 'ООО (5–9)', secondary: 'СОО (10–11)' };

/** 2.5 → «2,5». */
export const hoursText = (h: number): string => String(h).replace('.', ',');

// The federal curricula shipped as built-in samples (SPEC B14): ФОП НОО, ООО and СОО, the variant
// for a 5-day week with teaching in Russian, mandatory part only. Transcribed from
// shared/reference/federal-curricula.json (orders of the Ministry of Education No. 372, 370, 371
// of 18.05.2023 as amended by No. 171 of 19.03.2024, No. 704 of 09.10.2024, No. 729 of
// 08.10.2025). The full primary text was not available: ООО (2023 edition) is confirmed up to
// ОДНКНР by a consultant.ru excerpt, the rest by approved school curricula of 2024/25–2025/26
// that reproduce the federal one. Check against publication.pravo.gov.ru / edsoo.ru before relying
// on the hours. Lines without a note were verified from a source; others say how sure they are.
// The part formed by the participants (НОО 1/1/1/0 h, ООО 2/2/2/2/1 h per week) is the school's
// to fill and has no lines here.
import type { CurriculumSampleContent } from '../../../contracts/samples';

type Line = CurriculumSampleContent['lines'][number];

const line = (subject: string, subjectArea: string, catalogueCode: string, hoursPerWeek: (number | null)[]): Line =>
  ({ subject, subjectArea, catalogueCode, part: 'mandatory', hoursPerWeek });

export type FederalCurriculum = { name: string; description: string; content: CurriculumSampleContent };

/** ФОП НОО, федеральный учебный план, вариант 1; edition applied in 2024/25–2025/26 («Труд (технология)»). */
export const federalPrimary: FederalCurriculum = {
  name: 'Федеральный учебный план НОО (5-дневная неделя)',
  description: 'ФОП НОО (приказ Минпросвещения России от 18.05.2023 № 372, ред. 2024–2025), вариант 1, обязательная часть. '
    + 'Часть, формируемая участниками образовательных отношений: 1, 1, 1, 0 ч в неделю. Учебных недель: 33 (1 кл.), 34 (2–4 кл.).',
  content: {
    level: 'primary',
    weekDays: 5,
    grades: [1, 2, 3, 4],
    lines: [
      line('Русский язык', 'Русский язык и литературное чтение', 'russian', [5, 5, 5, 5]),
      // Three school curricula of 2024/25–2025/26 give 4 h in grade 4; one (year unknown) 3 h, probably the 2023 edition (4/4/4/3).
      line('Литературное чтение', 'Русский язык и литературное чтение', 'literaryReading', [4, 4, 4, 4]),
      line('Иностранный язык', 'Иностранный язык', 'foreignLanguage', [null, 2, 2, 2]),
      line('Математика', 'Математика и информатика', 'mathematics', [4, 4, 4, 4]),
      line('Окружающий мир', 'Обществознание и естествознание («Окружающий мир»)', 'worldAround', [2, 2, 2, 2]),
      line('Основы религиозных культур и светской этики', 'Основы религиозных культур и светской этики', 'orkse', [null, null, null, 1]),
      line('Изобразительное искусство', 'Искусство', 'fineArts', [1, 1, 1, 1]),
      line('Музыка', 'Искусство', 'music', [1, 1, 1, 1]),
      // Called «Технология» until 01.09.2024.
      line('Труд (технология)', 'Технология', 'technology', [1, 1, 1, 1]),
      // 2 h in ФОП; some schools give 3 h, partly from the formed part.
      line('Физическая культура', 'Физическая культура', 'physicalEducation', [2, 2, 2, 2]),
    ],
  },
};

/**
 * ФОП ООО, федеральный недельный учебный план, вариант 1; edition from 01.09.2025 (after order
 * No. 171): История 3 h in grades 5–8, Обществознание only in grade 9, ОДНКНР no longer in the
 * mandatory part. Totals 27/28/30/31 from an approved 2025/26 curriculum, 32 (grade 9) recounted.
 * «Духовно-нравственная культура России» is announced as a new subject; its hours are not confirmed.
 */
export const federalBasic: FederalCurriculum = {
  name: 'Федеральный учебный план ООО (5-дневная неделя)',
  description: 'ФОП ООО (приказ Минпросвещения России от 18.05.2023 № 370, ред. приказа от 19.03.2024 № 171, с 01.09.2025), вариант 1, обязательная часть. '
    + 'Часть, формируемая участниками образовательных отношений: 2, 2, 2, 2, 1 ч в неделю.',
  content: {
    level: 'basic',
    weekDays: 5,
    grades: [5, 6, 7, 8, 9],
    lines: [
      line('Русский язык', 'Русский язык и литература', 'russian', [5, 6, 4, 3, 3]),
      line('Литература', 'Русский язык и литература', 'literature', [3, 3, 2, 2, 3]),
      line('Иностранный язык', 'Иностранные языки', 'foreignLanguage', [3, 3, 3, 3, 3]),
      line('Математика', 'Математика и информатика', 'mathematics', [5, 5, null, null, null]),
      line('Алгебра', 'Математика и информатика', 'algebra', [null, null, 3, 3, 3]),
      line('Геометрия', 'Математика и информатика', 'geometry', [null, null, 2, 2, 2]),
      line('Вероятность и статистика', 'Математика и информатика', 'probability', [null, null, 1, 1, 1]),
      line('Информатика', 'Математика и информатика', 'informatics', [null, null, 1, 1, 1]),
      // 14 h a week = 476 h, with the module «История нашего края» (5–7). In the transition year 2025/26 some schools give 2.5 h in grade 9.
      line('История', 'Общественно-научные предметы', 'history', [3, 3, 3, 3, 2]),
      // In 2025/26 1 h in grade 8 is kept in transition (Коммерсант); the target is grade 9 only.
      line('Обществознание', 'Общественно-научные предметы', 'socialStudies', [null, null, null, null, 1]),
      line('География', 'Общественно-научные предметы', 'geography', [1, 1, 2, 2, 2]),
      line('Физика', 'Естественно-научные предметы', 'physics', [null, null, 2, 2, 3]),
      line('Химия', 'Естественно-научные предметы', 'chemistry', [null, null, null, 2, 2]),
      line('Биология', 'Естественно-научные предметы', 'biology', [1, 1, 1, 2, 2]),
      line('Изобразительное искусство', 'Искусство', 'fineArts', [1, 1, 1, null, null]),
      line('Музыка', 'Искусство', 'music', [1, 1, 1, 1, null]),
      line('Труд (технология)', 'Технология', 'technology', [2, 2, 2, 1, 1]),
      // Formerly «Основы безопасности жизнедеятельности» (ОБЖ); renamed from 01.09.2024.
      line('Основы безопасности и защиты Родины', 'Основы безопасности и защиты Родины', 'lifeSafety', [null, null, null, 1, 1]),
      line('Физическая культура', 'Физическая культура', 'physicalEducation', [2, 2, 2, 2, 2]),
    ],
  },
};

/**
 * ФОП СОО, универсальный профиль, базовый уровень. Partial: the federal table was not found in
 * the available sources; Русский язык, Литература and Иностранный язык are verified from a
 * gymnasium's 2025/26 curriculum, the other lines are from memory. Left out for lack of weekly
 * hours in the source: Обществознание (news of 2025 contradict each other: 1 h in 10, 2 h in 11)
 * and Индивидуальный проект (required by ФГОС СОО; from memory 1 h in grade 10). СанПиН
 * 1.2.3685-21 table 6.6 allows 34 h a week.
 */
export const federalSecondary: FederalCurriculum = {
  name: 'Федеральный учебный план СОО, универсальный профиль (5-дневная неделя)',
  description: 'ФОП СОО (приказ Минпросвещения России от 18.05.2023 № 371), универсальный профиль, базовый уровень. '
    + 'Часы сверены не полностью: обществознание и индивидуальный проект школа добавляет сама.',
  content: {
    level: 'secondary',
    weekDays: 5,
    grades: [10, 11],
    lines: [
      line('Русский язык', 'Русский язык и литература', 'russian', [2, 2]),
      line('Литература', 'Русский язык и литература', 'literature', [3, 3]),
      line('Иностранный язык', 'Иностранные языки', 'foreignLanguage', [3, 3]),
      // From memory; the advanced level has 4 h.
      line('Алгебра и начала математического анализа', 'Математика и информатика', 'algebraAnalysis', [2, 2]),
      // From memory (this and the lines below).
      line('Геометрия', 'Математика и информатика', 'geometry', [1, 1]),
      line('Вероятность и статистика', 'Математика и информатика', 'probability', [1, 1]),
      line('Информатика', 'Математика и информатика', 'informatics', [1, 1]),
      // News of 2025: the hours of history in 10–11 did not change.
      line('История', 'Общественно-научные предметы', 'history', [2, 2]),
      line('География', 'Общественно-научные предметы', 'geography', [1, 1]),
      line('Физика', 'Естественно-научные предметы', 'physics', [2, 2]),
      line('Химия', 'Естественно-научные предметы', 'chemistry', [1, 1]),
      line('Биология', 'Естественно-научные предметы', 'biology', [1, 1]),
      line('Физическая культура', 'Физическая культура', 'physicalEducation', [2, 2]),
      line('Основы безопасности и защиты Родины', 'Основы безопасности и защиты Родины', 'lifeSafety', [1, 1]),
    ],
  },
};

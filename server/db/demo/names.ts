// Russian personal names for the demo data: first names (children born 2008–2020 and adults),
// surnames in the male form with the rules that give the female form, and patronymics.
import type { Random } from './random';

export type Sex = 'male' | 'female';

export type FullName = { lastName: string; firstName: string; middleName: string };

// Each list runs from the most to the least common; `pickRanked` favours the front.

/** Boys born 2008–2020. */
export const maleChildNames = [
  'Александр', 'Максим', 'Артём', 'Михаил', 'Иван', 'Даниил', 'Дмитрий', 'Кирилл', 'Матвей', 'Андрей',
  'Егор', 'Никита', 'Илья', 'Алексей', 'Тимофей', 'Роман', 'Марк', 'Ярослав', 'Лев', 'Владимир',
  'Фёдор', 'Сергей', 'Георгий', 'Константин', 'Степан', 'Арсений', 'Глеб', 'Николай', 'Денис', 'Павел',
  'Владислав', 'Богдан', 'Тимур', 'Макар', 'Захар', 'Семён', 'Платон', 'Мирон', 'Савелий', 'Елисей',
  'Давид', 'Демид', 'Святослав', 'Всеволод', 'Вячеслав', 'Антон', 'Евгений', 'Григорий', 'Леонид', 'Пётр',
  'Олег', 'Вадим', 'Виктор', 'Игорь', 'Руслан', 'Станислав', 'Ростислав', 'Тихон', 'Василий', 'Амир',
  'Эмиль', 'Гордей', 'Прохор', 'Ян', 'Савва', 'Лука',
] as const;

/** Men born 1965–1995: fathers and teachers. */
export const maleAdultNames = [
  'Александр', 'Сергей', 'Андрей', 'Алексей', 'Дмитрий', 'Евгений', 'Владимир', 'Николай', 'Михаил', 'Игорь',
  'Олег', 'Юрий', 'Виктор', 'Вадим', 'Константин', 'Денис', 'Роман', 'Максим', 'Павел', 'Иван',
  'Артём', 'Антон', 'Вячеслав', 'Владислав', 'Станислав', 'Анатолий', 'Валерий', 'Геннадий', 'Виталий', 'Василий',
  'Григорий', 'Леонид', 'Борис', 'Эдуард', 'Руслан', 'Ярослав', 'Кирилл', 'Илья', 'Никита', 'Пётр',
  'Егор', 'Фёдор', 'Аркадий', 'Валентин', 'Тимур', 'Рустам', 'Ринат', 'Марат', 'Ильдар', 'Айдар',
  'Рамиль', 'Георгий', 'Степан', 'Семён', 'Глеб', 'Тимофей', 'Матвей', 'Даниил', 'Лев', 'Богдан',
  'Яков', 'Данила', 'Вениамин', 'Филипп', 'Марк', 'Эльдар',
] as const;

/** Girls born 2008–2020. */
export const femaleChildNames = [
  'Анастасия', 'Мария', 'Анна', 'Виктория', 'Полина', 'Елизавета', 'Екатерина', 'Дарья', 'Софья', 'Александра',
  'Варвара', 'Ксения', 'Алиса', 'Вероника', 'Арина', 'Алина', 'Валерия', 'Милана', 'Ульяна', 'Ева',
  'Кира', 'Маргарита', 'Василиса', 'Диана', 'Юлия', 'Таисия', 'Злата', 'Есения', 'Мирослава', 'Вера',
  'Ангелина', 'Кристина', 'Карина', 'Евгения', 'Милена', 'Амелия', 'Стефания', 'Эвелина', 'Агата', 'Ярослава',
  'Серафима', 'Камилла', 'Мила', 'Элина', 'Владислава', 'Дарина', 'Яна', 'Олеся', 'Татьяна', 'Ольга',
  'Надежда', 'Любовь', 'Лилия', 'Нина', 'Алёна', 'Марина', 'Аделина', 'Амина', 'Эмилия', 'Майя',
  'Елена', 'Ирина', 'Диляра',
] as const;

/** Women born 1965–1995: mothers and teachers. */
export const femaleAdultNames = [
  'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Юлия', 'Анна', 'Екатерина', 'Мария',
  'Марина', 'Надежда', 'Людмила', 'Галина', 'Оксана', 'Анастасия', 'Евгения', 'Ксения', 'Виктория', 'Дарья',
  'Александра', 'Валентина', 'Любовь', 'Лариса', 'Вера', 'Нина', 'Алла', 'Жанна', 'Инна', 'Яна',
  'Кристина', 'Алёна', 'Олеся', 'Полина', 'Маргарита', 'Вероника', 'Лилия', 'Эльвира', 'Римма', 'Зоя',
  'Антонина', 'Тамара', 'Лидия', 'Елизавета', 'Софья', 'Ангелина', 'Диана', 'Регина', 'Гульнара', 'Альфия',
  'Дина', 'Карина', 'Валерия', 'Алина', 'Снежана', 'Ульяна', 'Арина', 'Милана', 'Василиса', 'Варвара',
  'Элина', 'Эльмира', 'Гузель', 'Лейсан',
] as const;

/**
 * Surnames in the male form. Common Russian ones, ones frequent in the Perm region, Tatar and
 * Bashkir ones, and some that do not change with sex (-енко, -ук, -их/-ых, Korean, Armenian).
 */
export const surnames = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
  'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев',
  'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв',
  'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов',
  'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров',
  'Матвеев', 'Титов', 'Марков', 'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельников', 'Денисов',
  'Гаврилов', 'Тихонов', 'Казаков', 'Афанасьев', 'Данилов', 'Савельев', 'Тимофеев', 'Фомин', 'Чернов', 'Абрамов',
  'Мартынов', 'Ефимов', 'Федотов', 'Щербаков', 'Назаров', 'Калинин', 'Исаев', 'Чернышёв', 'Быков', 'Маслов',
  'Родионов', 'Коновалов', 'Лазарев', 'Воронин', 'Климов', 'Филатов', 'Пономарёв', 'Голубев', 'Кудрявцев', 'Прохоров',
  'Наумов', 'Потапов', 'Журавлёв', 'Овчинников', 'Трофимов', 'Леонов', 'Соболев', 'Ермаков', 'Колесников', 'Гончаров',
  'Емельянов', 'Никифоров', 'Грачёв', 'Котов', 'Гришин', 'Ефремов', 'Архипов', 'Громов', 'Кириллов', 'Малышев',
  'Панов', 'Моисеев', 'Румянцев', 'Акимов', 'Кондратьев', 'Бирюков', 'Горбунов', 'Анисимов', 'Галкин', 'Лукьянов',
  'Михеев', 'Скворцов', 'Юдин', 'Белоусов', 'Нестеров', 'Симонов', 'Харитонов', 'Князев', 'Цветков', 'Воронцов',
  // frequent in the Perm region
  'Мальцев', 'Пьянков', 'Шилов', 'Зырянов', 'Лобанов', 'Старцев', 'Мехоношин', 'Ширинкин', 'Кылосов', 'Вотинов',
  'Чащин', 'Лунегов', 'Южаков', 'Пепеляев', 'Гилёв', 'Зубарев', 'Бушуев', 'Кочергин', 'Пермяков', 'Чудинов',
  'Вавилин', 'Шардаков', 'Бахарев', 'Плотников', 'Ощепков', 'Мусихин', 'Сюткин', 'Половников', 'Уточкин', 'Мошев',
  // Tatar and Bashkir
  'Гарипов', 'Хасанов', 'Шарипов', 'Галиев', 'Нуриев', 'Сафин', 'Хабибуллин', 'Мухаметшин', 'Ахметов', 'Валиев',
  'Закиров', 'Файзуллин', 'Исмагилов', 'Камалов',
  // adjectival
  'Воскресенский', 'Успенский', 'Покровский', 'Троицкий', 'Соколовский', 'Островский', 'Яблонский', 'Каменский',
  'Полянский', 'Рождественский', 'Толстой', 'Донской', 'Береговой',
  // the same for men and women
  'Шевченко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Коваленко', 'Литвиненко', 'Лысенко', 'Ковальчук', 'Савчук',
  'Мельник', 'Ким', 'Пак', 'Цой', 'Петросян', 'Саркисян', 'Седых', 'Черных', 'Долгих', 'Белых', 'Сухих',
  'Русских', 'Кривых',
] as const;

/** Surnames that would look declinable but are not (Korean ones). */
const invariantSurnames: ReadonlySet<string> = new Set(['Цой', 'Ким', 'Пак', 'Ли', 'Тен', 'Хван']);

/** The female form of a surname given in the male form. */
export function femaleSurname(male: string): string {
  if (invariantSurnames.has(male)) return male;
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) return `${male}а`;
  if (/(ский|цкий)$/.test(male)) return `${male.slice(0, -2)}ая`;
  if (/(ой|ый)$/.test(male)) return `${male.slice(0, -2)}ая`;
  if (/ий$/.test(male)) return `${male.slice(0, -2)}яя`;
  // -енко, -ук, -их/-ых, -ян and foreign consonant endings do not change.
  return male;
}

export const surnameFor = (male: string, sex: Sex): string => (sex === 'male' ? male : femaleSurname(male));

/** Names whose patronymics do not follow the rules below: [male, female]. */
export const irregularPatronymics: Readonly<Record<string, readonly [string, string]>> = {
  'Илья': ['Ильич', 'Ильинична'],
  'Лев': ['Львович', 'Львовна'],
  'Павел': ['Павлович', 'Павловна'],
  'Пётр': ['Петрович', 'Петровна'],
  'Яков': ['Яковлевич', 'Яковлевна'],
  'Михаил': ['Михайлович', 'Михайловна'],
  'Даниил': ['Даниилович', 'Данииловна'],
  'Гавриил': ['Гаврилович', 'Гавриловна'],
  'Данила': ['Данилович', 'Даниловна'],
  'Никита': ['Никитич', 'Никитична'],
  'Фома': ['Фомич', 'Фоминична'],
  'Кузьма': ['Кузьмич', 'Кузьминична'],
  'Лука': ['Лукич', 'Лукинична'],
  'Савва': ['Саввич', 'Саввична'],
};

const vowels = 'аеёиоуыэюя';
const isVowel = (ch: string | undefined): boolean => ch !== undefined && vowels.includes(ch.toLowerCase());

/** The patronymic a child of the given sex gets from the father's first name. */
export function patronymic(fatherName: string, sex: Sex): string {
  const irregular = irregularPatronymics[fatherName];
  if (irregular) return sex === 'male' ? irregular[0] : irregular[1];
  const [m, f] = ((): [string, string] => {
    const n = fatherName;
    if (n.endsWith('ий')) {
      // Юрий → Юрьевич, Василий → Васильевич; after two consonants: Дмитрий → Дмитриевич.
      const stem = n.slice(0, -2);
      const soft = isVowel(stem.at(-2)) ? `${stem}ь` : `${stem}и`;
      return [`${soft}евич`, `${soft}евна`];
    }
    if (/[аеоуыэюя]й$/.test(n)) {
      const stem = n.slice(0, -1); // Николай → Никола-, Андрей → Андре-
      return [`${stem}евич`, `${stem}евна`];
    }
    if (n.endsWith('ь')) {
      const stem = n.slice(0, -1); // Игорь → Игор-
      return [`${stem}евич`, `${stem}евна`];
    }
    if (n.endsWith('а') || n.endsWith('я')) {
      const stem = n.slice(0, -1); // Никита → Никит-
      return [`${stem}ич`, `${stem}ична`];
    }
    if (/[жшчщц]$/.test(n)) return [`${n}евич`, `${n}евна`];
    return [`${n}ович`, `${n}овна`];
  })();
  return sex === 'male' ? m : f;
}

/** Picks from a list ordered by frequency: the first names come up several times as often as the last. */
export function pickRanked<T>(rng: Random, items: readonly T[]): T {
  // Weight 1 / (rank + 10), drawn by inverting the cumulative weight approximately.
  const n = items.length;
  const total = Math.log((n + 10) / 10);
  const rank = Math.floor(10 * Math.exp(rng.next() * total) - 10);
  return items[Math.min(Math.max(rank, 0), n - 1)] as T;
}

export const firstNames = (sex: Sex, adult: boolean): readonly string[] =>
  sex === 'male' ? (adult ? maleAdultNames : maleChildNames) : adult ? femaleAdultNames : femaleChildNames;

/** A random adult: a surname in the right form, a first name and a patronymic from a random father. */
export function randomAdult(rng: Random, sex: Sex, surname?: string): FullName {
  const maleSurname = surname ?? rng.pick(surnames);
  return {
    lastName: surnameFor(maleSurname, sex),
    firstName: pickRanked(rng, firstNames(sex, true)),
    middleName: patronymic(pickRanked(rng, maleAdultNames), sex),
  };
}

const translit: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin spelling for e-mail addresses (Иванова → ivanova). */
export const transliterate = (text: string): string =>
  [...text.toLowerCase()].map((ch) => translit[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '')).join('');

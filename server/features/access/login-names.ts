// Logins the system makes for staff (SPEC A4): the surname in Latin letters, a dot and the
// initials — «Иванова Анна Сергеевна» → ivanova.as; a taken one gets a number: ivanova.as2.
// Transliteration follows the readable practice of Russian mail services (й → y, ю → yu,
// я → ya, х → kh, ц → ts, щ → shch; ъ and ь dropped) so that people can type it off a sheet.

const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Letters of other languages of Russia and neighbours that appear in staff lists.
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ә: 'a', ө: 'o', ү: 'u', җ: 'zh', ң: 'n', һ: 'h', ҙ: 'z', ҡ: 'k', ғ: 'g', ҫ: 's',
};

/** A name in lower-case Latin letters; hyphens between parts are kept, everything else dropped. */
export function transliterate(name: string): string {
  let out = '';
  for (const ch of name.toLowerCase()) {
    if (ch in cyrillic) out += cyrillic[ch];
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else if (ch === '-' || ch === ' ') out += '-';
    else {
      // Latin letters with diacritics (Müller, Đorđević) lose the marks.
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if (/^[a-z]$/.test(plain)) out += plain;
    }
  }
  return out.replace(/-+/g, '-').replace(/^-|-$/g, '');
}

const maxSurname = 48;

/** The login without a number: surname, dot, initials of first name and patronymic. */
export function loginBase(person: { lastName: string; firstName: string; middleName: string | null }): string {
  const surname = transliterate(person.lastName).slice(0, maxSurname).replace(/-$/, '') || 'user';
  const initials = [person.firstName, person.middleName ?? '']
    .map((part) => transliterate(part).replace(/-/g, '')[0] ?? '')
    .join('');
  const login = initials ? `${surname}.${initials}` : surname;
  // The login pattern wants two characters at least (a one-letter surname, a name in hieroglyphs).
  return login.length >= 2 ? login : `${login}user`;
}

/** The first of base, base2, base3… that is not among the taken logins. */
export function firstFreeLogin(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

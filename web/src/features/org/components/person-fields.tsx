// The fields of a person's record in a form (staff, students, guardians). Values are sent as
// typed; the server normalises them (СНИЛС, phone, e-mail, names) and names the field of a problem.
import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { Sex } from '../../../../../contracts/org';
import { sexTitles } from '../format';
import type { FieldErrors } from '../form-errors';

export type PersonForm = {
  lastName: string; firstName: string; middleName: string; birthDate: string;
  snils: string; email: string; phone: string; externalId: string;
};

export const personFieldNames = ['lastName', 'firstName', 'middleName', 'birthDate', 'snils', 'email', 'phone', 'externalId'] as const;

export const emptyPerson: PersonForm = { lastName: '', firstName: '', middleName: '', birthDate: '', snils: '', email: '', phone: '', externalId: '' };

type PersonRecord = {
  lastName: string; firstName: string; middleName: string | null; birthDate: string | null; snils: string | null;
  email: string | null; phone: string | null; externalId: string | null; withheld: boolean;
};

export const personFormOf = (p: PersonRecord): PersonForm => ({
  lastName: p.lastName, firstName: p.firstName, middleName: p.middleName ?? '', birthDate: p.birthDate ?? '',
  snils: p.snils ?? '', email: p.email ?? '', phone: p.phone ?? '', externalId: p.externalId ?? '',
});

/** What to send: empty optional fields clear the value; fields withheld from this person are left alone. */
export function personInputOf(form: PersonForm, withheld = false) {
  const orNull = (v: string): string | null => (v.trim() === '' ? null : v);
  const identifiers = withheld ? {} : { birthDate: orNull(form.birthDate), snils: orNull(form.snils), externalId: orNull(form.externalId) };
  return {
    lastName: form.lastName, firstName: form.firstName, middleName: orNull(form.middleName),
    email: orNull(form.email), phone: orNull(form.phone), ...identifiers,
  };
}

export function PersonFields({ value, onChange, errors, withheld = false }: {
  value: PersonForm; onChange: (next: PersonForm) => void; errors: FieldErrors; withheld?: boolean;
}) {
  const field = (name: keyof PersonForm) => ({
    name,
    value: value[name],
    error: errors[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...value, [name]: e.currentTarget.value }),
  });
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label="Фамилия" required autoComplete="off" {...field('lastName')} />
        <TextInput label="Имя" required autoComplete="off" {...field('firstName')} />
        <TextInput label="Отчество" autoComplete="off" {...field('middleName')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {!withheld && <TextInput label="Дата рождения" type="date" {...field('birthDate')} />}
        {!withheld && <TextInput label="СНИЛС" placeholder="123-456-789 01" inputMode="numeric" {...field('snils')} />}
        <TextInput label="Телефон" type="tel" placeholder="+7 912 345-67-89" {...field('phone')} />
        <TextInput label="E-mail" type="email" {...field('email')} />
        {!withheld && <TextInput label="Внешний идентификатор" description="Код в кадровой системе или «Контингенте»" {...field('externalId')} />}
      </SimpleGrid>
    </>
  );
}

/** The «Пол» select of a student form; '' is «not given». */
export function SexSelect({ value, onChange, error }: { value: Sex | ''; onChange: (sex: Sex | '') => void; error?: string | undefined }) {
  return (
    <NativeSelect
      label="Пол"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as Sex | '')}
      data={[{ value: '', label: 'Не указан' }, { value: 'male', label: sexTitles.male }, { value: 'female', label: sexTitles.female }]}
      error={error}
    />
  );
}

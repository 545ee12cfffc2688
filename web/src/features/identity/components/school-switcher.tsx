// Lets a person who works in several schools choose the one they are working in now.
import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../../lib/api';
import { useSetActiveSchool } from '../api/me';
import { activeSchoolOf } from '../active-school';
import { useCurrentUser } from './current-user';

export function SchoolSwitcher({ onSwitched }: { onSwitched?: () => void }) {
  const me = useCurrentUser();
  const setActiveSchool = useSetActiveSchool();
  if (me.schools.length < 2) return null;

  const active = activeSchoolOf(me);
  return (
    <Select
      label="Школа"
      data={me.schools.map((school) => ({ value: school.id, label: school.shortName || school.name }))}
      value={active?.id ?? null}
      allowDeselect={false}
      checkIconPosition="right"
      disabled={setActiveSchool.isPending}
      comboboxProps={{ withinPortal: true }}
      onChange={(schoolId) => {
        if (schoolId === null || schoolId === active?.id) return;
        setActiveSchool.mutate(
          { schoolId },
          {
            onSuccess: () => onSwitched?.(),
            onError: (error) => notifications.show({ color: 'red', title: 'Не удалось сменить школу', message: errorMessage(error) }),
          },
        );
      }}
    />
  );
}

// A small school as FET XML, written for the tests: one grade, a class with two English
// subgroups, two teachers, two rooms, and a mix of known, unknown and inactive constraints.
export const SMALL_FET = `<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>Школа №1 &amp; филиал</Institution_Name>
<Days_List>
  <Number_of_Days>5</Number_of_Days>
  <Day><Name>Пн</Name></Day><Day><Name>Вт</Name></Day><Day><Name>Ср</Name></Day><Day><Name>Чт</Name></Day><Day><Name>Пт</Name></Day>
</Days_List>
<Hours_List>
  <Number_of_Hours>4</Number_of_Hours>
  <Hour><Name>1</Name></Hour><Hour><Name>2</Name></Hour><Hour><Name>3</Name></Hour><Hour><Name>4</Name></Hour>
</Hours_List>
<Subjects_List>
  <Subject><Name>Математика</Name></Subject>
  <Subject><Name>Английский язык</Name></Subject>
</Subjects_List>
<Teachers_List>
  <Teacher><Name>Иванова</Name></Teacher>
  <Teacher><Name>Петров</Name></Teacher>
</Teachers_List>
<Students_List>
  <Year>
    <Name>5</Name>
    <Number_of_Students>25</Number_of_Students>
    <Group>
      <Name>5А</Name>
      <Number_of_Students>25</Number_of_Students>
      <Subgroup><Name>5А-1</Name><Number_of_Students>12</Number_of_Students></Subgroup>
      <Subgroup><Name>5А-2</Name><Number_of_Students>13</Number_of_Students></Subgroup>
    </Group>
  </Year>
</Students_List>
<Activities_List>
  <Activity><Teacher>Иванова</Teacher><Subject>Математика</Subject><Students>5А</Students><Duration>1</Duration><Total_Duration>2</Total_Duration><Id>1</Id><Activity_Group_Id>1</Activity_Group_Id><Active>true</Active></Activity>
  <Activity><Teacher>Иванова</Teacher><Subject>Математика</Subject><Students>5А</Students><Duration>1</Duration><Total_Duration>2</Total_Duration><Id>2</Id><Activity_Group_Id>1</Activity_Group_Id><Active>true</Active></Activity>
  <Activity><Teacher>Иванова</Teacher><Subject>Английский язык</Subject><Students>5А-1</Students><Duration>2</Duration><Total_Duration>2</Total_Duration><Id>3</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
  <Activity><Teacher>Петров</Teacher><Subject>Английский язык</Subject><Students>5А-2</Students><Duration>2</Duration><Total_Duration>2</Total_Duration><Id>4</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
  <Activity><Teacher>Петров</Teacher><Subject>Математика</Subject><Students>5</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>5</Id><Activity_Group_Id>0</Activity_Group_Id><Active>false</Active></Activity>
</Activities_List>
<Buildings_List></Buildings_List>
<Rooms_List>
  <Room><Name>101</Name><Building></Building><Capacity>30</Capacity><Virtual>false</Virtual></Room>
  <Room><Name>102</Name><Building></Building><Capacity>15</Capacity><Virtual>false</Virtual></Room>
</Rooms_List>
<Time_Constraints_List>
  <ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintBasicCompulsoryTime>
  <ConstraintBreakTimes><Weight_Percentage>100</Weight_Percentage><Number_of_Break_Times>1</Number_of_Break_Times>
    <Break_Time><Day>Пт</Day><Hour>4</Hour></Break_Time></ConstraintBreakTimes>
  <ConstraintTeacherNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Teacher>Петров</Teacher><Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>
    <Not_Available_Time><Day>Пн</Day><Hour>1</Hour></Not_Available_Time><Active>true</Active></ConstraintTeacherNotAvailableTimes>
  <ConstraintMinDaysBetweenActivities><Weight_Percentage>95</Weight_Percentage><Consecutive_If_Same_Day>true</Consecutive_If_Same_Day><Number_of_Activities>2</Number_of_Activities>
    <Activity_Id>1</Activity_Id><Activity_Id>2</Activity_Id><MinDays>1</MinDays><Active>true</Active></ConstraintMinDaysBetweenActivities>
  <ConstraintActivitiesSameStartingTime><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>
    <Activity_Id>3</Activity_Id><Activity_Id>4</Activity_Id><Active>true</Active></ConstraintActivitiesSameStartingTime>
  <ConstraintStudentsMaxGapsPerWeek><Weight_Percentage>100</Weight_Percentage><Max_Gaps>0</Max_Gaps><Active>true</Active></ConstraintStudentsMaxGapsPerWeek>
  <ConstraintTeacherMaxDaysPerWeek><Weight_Percentage>80</Weight_Percentage><Teacher_Name>Иванова</Teacher_Name><Max_Days_Per_Week>2</Max_Days_Per_Week><Active>true</Active></ConstraintTeacherMaxDaysPerWeek>
  <ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour><Weight_Percentage>100</Weight_Percentage><Max_Beginnings_At_Second_Hour>1</Max_Beginnings_At_Second_Hour><Students>5А</Students><Active>true</Active></ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour>
  <ConstraintTeacherIntervalMaxDaysPerWeek><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Петров</Teacher_Name><Active>true</Active></ConstraintTeacherIntervalMaxDaysPerWeek>
  <ConstraintTeacherIntervalMaxDaysPerWeek><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Иванова</Teacher_Name><Active>true</Active></ConstraintTeacherIntervalMaxDaysPerWeek>
  <ConstraintTeachersMaxHoursDaily><Weight_Percentage>100</Weight_Percentage><Maximum_Hours_Daily>1</Maximum_Hours_Daily><Active>false</Active></ConstraintTeachersMaxHoursDaily>
</Time_Constraints_List>
<Space_Constraints_List>
  <ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintBasicCompulsorySpace>
  <ConstraintSubjectPreferredRoom><Weight_Percentage>90</Weight_Percentage><Subject>Математика</Subject><Room>101</Room><Active>true</Active></ConstraintSubjectPreferredRoom>
  <ConstraintActivityPreferredRooms><Weight_Percentage>100</Weight_Percentage><Activity_Id>4</Activity_Id><Number_of_Preferred_Rooms>1</Number_of_Preferred_Rooms><Preferred_Room>102</Preferred_Room><Active>true</Active></ConstraintActivityPreferredRooms>
</Space_Constraints_List>
</fet>
`;

/** A result of SMALL_FET as FET writes `_activities.xml`: no violation. */
export const SMALL_RESULT = `<?xml version="1.0" encoding="UTF-8"?>
<Activities_Timetable>
<Activity><Id>1</Id><Day>Пн</Day><Hour>1</Hour><Room>101</Room></Activity>
<Activity><Id>2</Id><Day>Вт</Day><Hour>1</Hour><Room>101</Room></Activity>
<Activity><Id>3</Id><Day>Пн</Day><Hour>2</Hour><Room>101</Room></Activity>
<Activity><Id>4</Id><Day>Пн</Day><Hour>2</Hour><Room>102</Room></Activity>
<Activity><Id>5</Id><Day></Day><Hour></Hour><Room></Room></Activity>
</Activities_Timetable>
`;

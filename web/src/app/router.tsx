// The route tree, written in code: the login page outside, every other page inside the signed-in layout.
import { Center, Loader } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { meQuery } from '../features/identity/api/me';
import { LoginPage } from '../features/identity/components/login-page';
import { ProfilePage } from '../features/identity/components/profile-page';
import { SsoNoMatchPage } from '../features/identity/components/sso-no-match-page';
import { AccessPage } from '../features/access/components/access-page';
import { AreaPage } from '../features/access/components/area-page';
import { AbsenceBoardPage } from '../features/attendance/components/absence-board-page';
import { AttendanceCodesPage } from '../features/attendance/components/attendance-codes-page';
import { SecurityEventsPage } from '../features/access/components/security-events-page';
import { ImportJobPage } from '../features/imports/components/import-job-page';
import { ImportsPage } from '../features/imports/components/imports-page';
import { OrgPage } from '../features/org/components/org-page';
import { StudentPage } from '../features/org/components/student-page';
import { CalendarPage } from '../features/calendar/components/calendar-page';
import { PeriodsPage } from '../features/calendar/components/periods-page';
import { PolicyPage } from '../features/calendar/components/policy-page';
import { ControlFormsPage } from '../features/control-forms/components/control-forms-page';
import { ControlWorkPage } from '../features/control-works/components/control-work-page';
import { ControlWorksPage } from '../features/control-works/components/control-works-page';
import { CurriculaPage } from '../features/curricula/components/curricula-page';
import { CurriculumPage } from '../features/curricula/components/curriculum-page';
import { DocumentsPage } from '../features/documents/components/documents-page';
import { PublicDocumentsPage } from '../features/documents/components/public-documents-page';
import { StudentHomeworkPage } from '../features/homework/components/student-homework-page';
import { SubmissionsPage } from '../features/homework/components/submissions-page';
import { JournalGridPage, type GridSearch } from '../features/journal/components/grid-page';
import { JournalPage } from '../features/journal/components/journal-page';
import { JournalLessonPage } from '../features/journal/components/lesson-page';
import { CodifiersPage } from '../features/work-programmes/components/codifiers-page';
import { ProgrammePage } from '../features/work-programmes/components/programme-page';
import { ProgrammesPage } from '../features/work-programmes/components/programmes-page';
import { LessonsDayPage } from '../features/lessons/components/lessons-day-page';
import { TimetableGeneratePage } from '../features/timetable-generate/components/timetable-generate-page';
import { TimetablePage } from '../features/timetable/components/timetable-page';
import { LoadPage } from '../features/load/components/load-page';
import { ReadinessPage } from '../features/readiness/components/readiness-page';
import { RegimesPage } from '../features/regimes/components/regimes-page';
import { RoomsPage } from '../features/rooms/components/rooms-page';
import { AreaSamplesPage } from '../features/samples/components/area-samples-page';
import { SchoolSamplesPage } from '../features/samples/components/school-samples-page';
import { SubjectsPage } from '../features/subjects/components/subjects-page';
import { safeRedirect } from '../lib/safe-redirect';
import { AppLayout } from './layout';
import { sections, type SectionPath } from './navigation';
import { ErrorPage } from './routes/error-page';
import { HomePage } from './routes/home-page';
import { NotFoundPage } from './routes/not-found-page';
import { SectionPage } from './routes/section-page';

export type RouterContext = { queryClient: QueryClient };

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The page's name for the browser tab. */
    title?: string;
  }
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: ErrorPage,
});

type LoginSearch = { redirect?: string | undefined };

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  staticData: { title: 'Вход' },
  // The key is always returned: the router keeps raw search values a validator leaves out.
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({ redirect: safeRedirect(search.redirect) }),
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeRedirect(search.redirect) ?? '/', replace: true });
  },
  component: function LoginRoute() {
    const { redirect: target } = loginRoute.useSearch();
    return <LoginPage redirect={safeRedirect(target)} />;
  },
});

/** Where an OpenID Connect login ends when no imported person matches the account (outside the signed-in layout). */
const ssoNoMatchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login/sso-no-match',
  staticData: { title: 'Вход не выполнен' },
  component: SsoNoMatchPage,
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) {
      const target = safeRedirect(location.href);
      throw redirect({ to: '/login', search: target === undefined || target === '/' ? {} : { redirect: target }, replace: true });
    }
    // A password handed out by the school must be replaced before anything else.
    if (me.account.mustChangePassword && location.pathname !== '/profile') {
      throw redirect({ to: '/profile', replace: true });
    }
  },
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  staticData: { title: 'Главная' },
  component: HomePage,
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  staticData: { title: 'Профиль' },
  component: ProfilePage,
});

const page = <P extends string>(path: P, title: string, component: () => React.ReactNode) => createRoute({
  getParentRoute: () => appRoute,
  path,
  staticData: { title },
  component,
});

const orgRoute = page('/org', 'Люди и доступ', OrgPage);
const studentRoute = page('/org/students/$studentId', 'Ученик', StudentPage);
const importsRoute = page('/org/imports', 'Импорт', ImportsPage);
const importJobRoute = page('/org/imports/$jobId', 'Импорт', ImportJobPage);
const accessRoute = page('/org/access', 'Доступ и роли', AccessPage);
const securityRoute = page('/org/security', 'Журнал безопасности', SecurityEventsPage);
const areaRoute = page('/area', 'Школы', AreaPage);
const areaSamplesRoute = page('/area/samples', 'Образцы для школ', AreaSamplesPage);

// Preparing the school year (SPEC B1–B16); `/year` itself is the readiness checklist.
const yearRoutes = [
  page('/year', 'Учебный год', ReadinessPage),
  page('/year/rooms', 'Кабинеты', RoomsPage),
  page('/year/subjects', 'Предметы', SubjectsPage),
  page('/year/calendar', 'Календарный учебный график', CalendarPage),
  page('/year/periods', 'Периоды аттестации', PeriodsPage),
  page('/year/policy', 'Правила выставления отметок', PolicyPage),
  page('/year/regimes', 'Режимы и звонки', RegimesPage),
  page('/year/control-forms', 'Формы контроля', ControlFormsPage),
  page('/year/attendance-codes', 'Коды посещаемости', AttendanceCodesPage),
  page('/year/curricula', 'Учебные планы', CurriculaPage),
  page('/year/curricula/$curriculumId', 'Учебный план', CurriculumPage),
  page('/year/load', 'Нагрузка', LoadPage),
  page('/year/samples', 'Образцы', SchoolSamplesPage),
] as const;
const documentsRoute = page('/documents', 'Документы школы', DocumentsPage);
/** The weekly timetable; `?version=<id>` opens that version (a draft just generated, say). */
const timetableRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/timetable',
  staticData: { title: 'Расписание' },
  validateSearch: (search: Record<string, unknown>): { version?: string | undefined } =>
    ({ version: typeof search.version === 'string' && search.version !== '' ? search.version : undefined }),
  component: function TimetableRoute() {
    const { version } = timetableRoute.useSearch();
    return <TimetablePage version={version} />;
  },
});
const lessonsDayRoute = page('/timetable/day', 'Уроки на дату', LessonsDayPage);
const timetableGenerateRoute = page('/timetable/generate', 'Формирование расписания', TimetableGeneratePage);
// Control works (G4): the schedule, and one work with its results grid and element-wise analysis.
const controlWorksRoute = page('/journal/control-works', 'Контрольные работы', ControlWorksPage);
const controlWorkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/journal/control-works/$controlWorkId',
  staticData: { title: 'Контрольная работа' },
  component: function ControlWorkRoute() {
    const { controlWorkId } = controlWorkRoute.useParams();
    return <ControlWorkPage key={controlWorkId} controlWorkId={controlWorkId} />;
  },
});
/** Today's absences by class for the administration and class teachers (regulation 3.5). */
const absenceBoardRoute = page('/journal/absences', 'Отсутствующие', AbsenceBoardPage);

// The class journal (issue 6): the chooser with today's lessons, a grid, a lesson.
const journalRoute = page('/journal', 'Журнал', JournalPage);
const optionalId = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** `?subjectId=&classId=|studyGroupId=&periodId=` — ids only, never names. */
const journalGridRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/journal/grid',
  staticData: { title: 'Журнал' },
  validateSearch: (search: Record<string, unknown>): GridSearch => ({
    subjectId: optionalId(search.subjectId) ?? '',
    classId: optionalId(search.classId),
    studyGroupId: optionalId(search.studyGroupId),
    periodId: optionalId(search.periodId),
  }),
  component: function JournalGridRoute() {
    return <JournalGridPage search={journalGridRoute.useSearch()} />;
  },
});
const journalLessonRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/journal/lessons/$lessonId',
  staticData: { title: 'Урок' },
  component: function JournalLessonRoute() {
    const { lessonId } = journalLessonRoute.useParams();
    return <JournalLessonPage key={lessonId} lessonId={lessonId} />;
  },
});
// Homework (D3): the works handed in for one homework (the teacher's page), a student's homework in the diary.
const homeworkSubmissionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/journal/homework/$homeworkId',
  staticData: { title: 'Работы учеников' },
  component: function HomeworkSubmissionsRoute() {
    const { homeworkId } = homeworkSubmissionsRoute.useParams();
    return <SubmissionsPage key={homeworkId} homeworkId={homeworkId} />;
  },
});
const studentHomeworkRoute = page('/diary/homework', 'Домашние задания', StudentHomeworkPage);
// Work programmes with their lesson plans (КТП) and the school's КЭС codifiers (B13, D6).
const programmesRoute = page('/journal/programmes', 'Рабочие программы', ProgrammesPage);
const programmeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/journal/programmes/$programmeId',
  staticData: { title: 'Рабочая программа' },
  component: function ProgrammeRoute() {
    const { programmeId } = programmeRoute.useParams();
    return <ProgrammePage key={programmeId} programmeId={programmeId} />;
  },
});
const codifiersRoute = page('/journal/codifiers', 'Кодификаторы КЭС', CodifiersPage);

/** A school's programme documents for anyone, when the school opens them (outside the signed-in layout). */
const publicDocumentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/public/schools/$schoolId/documents',
  staticData: { title: 'Документы школы' },
  component: PublicDocumentsPage,
});

const sectionTitle = (to: SectionPath): string => sections.find((section) => section.to === to)?.title ?? '';

const sectionRoute = <P extends Exclude<SectionPath, '/'>>(path: P) => {
  const title = sectionTitle(path);
  return createRoute({
    getParentRoute: () => appRoute,
    path,
    staticData: { title },
    component: function SectionRoute() {
      return <SectionPage title={title} to={path} />;
    },
  });
};

const routeTree = rootRoute.addChildren([
  loginRoute,
  ssoNoMatchRoute,
  publicDocumentsRoute,
  appRoute.addChildren([
    homeRoute,
    profileRoute,
    journalRoute,
    journalGridRoute,
    journalLessonRoute,
    homeworkSubmissionsRoute,
    programmesRoute,
    programmeRoute,
    codifiersRoute,
    absenceBoardRoute,
    sectionRoute('/diary'),
    studentHomeworkRoute,
    timetableRoute,
    lessonsDayRoute,
    timetableGenerateRoute,
    controlWorksRoute,
    controlWorkRoute,
    sectionRoute('/class'),
    ...yearRoutes,
    orgRoute,
    studentRoute,
    importsRoute,
    importJobRoute,
    accessRoute,
    securityRoute,
    areaRoute,
    areaSamplesRoute,
    documentsRoute,
    sectionRoute('/reports'),
    sectionRoute('/messages'),
  ]),
]);

function PendingPage() {
  return (
    <Center mih="60dvh" aria-live="polite">
      <Loader aria-label="Загрузка" />
    </Center>
  );
}

export function createAppRouter(queryClient: QueryClient) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Route data lives in TanStack Query; the router should not keep its own copy.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: PendingPage,
    defaultErrorComponent: ErrorPage,
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
  });

  router.subscribe('onResolved', () => {
    const title = router.state.matches.findLast((match) => match.staticData.title)?.staticData.title;
    document.title = title ? `${title} — Отметка` : 'Отметка';
  });

  return router;
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}

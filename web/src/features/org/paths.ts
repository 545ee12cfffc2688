// Addresses of org pages. The /org pages are routed by a helper that does not keep their path
// types, so the address of a student's page is built here, in one place.
export const studentPath = (studentId: string): string => `/org/students/${encodeURIComponent(studentId)}`;

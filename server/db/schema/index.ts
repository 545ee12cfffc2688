export * from './tenancy';
export * from './identity';
export * from './org';
export * from './imports';
export * from './year';
export * from './timetable';
export * from './journal';

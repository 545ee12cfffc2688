// Worker threads do not inherit the TypeScript loader of the main thread: register it here,
// then run the solver's worker (docs/decisions/002: the sources run through tsx).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

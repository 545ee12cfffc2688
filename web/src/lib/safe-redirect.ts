// Where the login page may send a person afterwards: only a path of this site, never another origin.

export const safeRedirect = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('/')) return undefined;
  // "//host" and "/\host" are read by browsers as another origin.
  if (value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // Control characters (tabs, newlines) are dropped by URL parsers and could rebuild "//".
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return undefined;
  }
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return undefined;
  return value;
};

// A link inside the app by address (the journal's paths.ts, pages other features route): a real
// <a href> for the keyboard, a new tab and a screen reader, followed by the router without a reload.
import { Anchor, type AnchorProps } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import type { MouseEvent, ReactNode } from 'react';

export function RouterAnchor({ href, children, ...props }: AnchorProps & {
  href: string; children: ReactNode; tabIndex?: number; 'aria-label'?: string; title?: string;
}) {
  const router = useRouter();
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void router.navigate({ href });
  };
  return <Anchor href={href} onClick={go} {...props}>{children}</Anchor>;
}

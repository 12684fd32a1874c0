import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The width of an element, kept up to date as it resizes, so a chart draws at the size it has
 * rather than scaling its text with a viewBox.
 *
 * @example
 * const [ref, width] = useWidth<HTMLDivElement>(640);
 */
export function useWidth<T extends HTMLElement>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    setWidth(element.clientWidth || initial);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width) || initial);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [initial]);
  return [ref, width] as const;
}

import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';

type Handler = () => void;

interface Registry {
  register(key: string, handler: { current: Handler }): () => void;
}

const ShortcutContext = createContext<Registry | null>(null);

/** The incident search field, which `/` focuses from anywhere. */
export const SEARCH_ID = 'incident-search';

/** The single-key shortcuts, listed by `?`. */
export const SHORTCUTS: ReadonlyArray<{ key: string; does: string }> = [
  { key: 'd', does: 'Declare an incident' },
  { key: '/', does: 'Search incidents' },
  { key: 'u', does: 'Post a status update (on an incident)' },
  { key: 'k', does: 'Go to the controls: kill, roll back, throttle, review (on an incident)' },
  { key: 'a', does: 'Acknowledge the alert (on an alert)' },
  { key: '?', does: 'Show these shortcuts' },
];

/** True when a key press belongs to what the person is typing in, not to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Listens once on the document; the handler registered last for a key wins, so a page can take
 * over a key while it is shown. Keys never fire while typing, with a modifier held, or while a
 * dialog is open.
 */
export function ShortcutProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Map<string, Array<{ current: Handler }>>());
  const registry = useRef<Registry>({
    register(key, handler) {
      const list = handlers.current.get(key) ?? [];
      list.push(handler);
      handlers.current.set(key, list);
      return () => {
        const current = handlers.current.get(key) ?? [];
        handlers.current.set(
          key,
          current.filter((item) => item !== handler),
        );
      };
    },
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('[role="dialog"]')) return;
      const handler = handlers.current.get(event.key)?.at(-1);
      if (!handler) return;
      event.preventDefault();
      handler.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return <ShortcutContext.Provider value={registry.current}>{children}</ShortcutContext.Provider>;
}

/** Binds a key while the calling component is mounted (and `enabled`). */
export function useShortcut(key: string, handler: Handler, enabled = true): void {
  const registry = useContext(ShortcutContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!registry || !enabled) return undefined;
    return registry.register(key, latest);
  }, [registry, key, enabled]);
}

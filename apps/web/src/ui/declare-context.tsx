import { createContext, useContext } from 'react';

/** Opens the declare dialog from anywhere: the header, the `d` key, an empty state. */
export const DeclareContext = createContext<() => void>(() => undefined);

export function useOpenDeclare(): () => void {
  return useContext(DeclareContext);
}

import { type ComponentProps, lazy, Suspense } from 'react';

// The change dialogs load on the first click, not with the war room (they are most of the panel's code).
const Change = lazy(() => import('./control-dialog').then((module) => ({ default: module.ControlDialog })));
const Renew = lazy(() => import('./renew-dialog').then((module) => ({ default: module.RenewDialog })));
const Decide = lazy(() => import('./approval-dialog').then((module) => ({ default: module.ApprovalDialog })));

type ChangeProps = ComponentProps<typeof Change>;
type RenewProps = ComponentProps<typeof Renew>;
type DecideProps = ComponentProps<typeof Decide>;

export function LazyControlDialog(props: ChangeProps) {
  return (
    <Suspense fallback={null}>
      <Change {...props} />
    </Suspense>
  );
}

export function LazyRenewDialog(props: RenewProps) {
  return (
    <Suspense fallback={null}>
      <Renew {...props} />
    </Suspense>
  );
}

export function LazyApprovalDialog(props: DecideProps) {
  return (
    <Suspense fallback={null}>
      <Decide {...props} />
    </Suspense>
  );
}

import * as Dialog from '@radix-ui/react-dialog';
import { type ReactNode, useLayoutEffect, useRef } from 'react';

export interface ModalProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  /** One line under the title, read out with it. */
  description?: ReactNode;
  /** `drawer` slides in from the right (system cards); `wide` fits a form beside its preview. */
  variant?: 'dialog' | 'wide' | 'drawer';
  children: ReactNode;
}

/**
 * A dialog that traps focus, closes on Escape and gives focus back to what had it (Radix).
 *
 * @example
 * <Modal open={open} onOpenChange={setOpen} title="Log a decision">…</Modal>
 */
export function Modal({ open, onOpenChange, title, description, variant = 'dialog', children }: ModalProps) {
  // Radix gives focus back to its Trigger; these dialogs open from buttons, rows and shortcuts
  // instead, so remember what had focus (layout effects run before Radix moves it) and return there.
  const returnTo = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body)
      returnTo.current = document.activeElement;
  }, [open]);
  // When the action removed what opened it (an Acknowledge or a Move-to button), focus goes to
  // the page's marked fallback (the incident summary, which shows the result), not to the body.
  // A live update may also have re-rendered the opener as a new node while the dialog was open:
  // the button with the same name is then the one to go back to.
  const restoreFocus = (event: Event) => {
    const target = returnTo.current?.isConnected
      ? returnTo.current
      : (sameControl(returnTo.current) ?? document.querySelector<HTMLElement>('[data-focus-fallback]'));
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="modal-overlay" />
        <Dialog.Content
          className={`modal modal-${variant}`}
          onCloseAutoFocus={restoreFocus}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <header className="modal-header">
            <div>
              <Dialog.Title className="modal-title">{title}</Dialog.Title>
              {description ? (
                <Dialog.Description className="modal-description">{description}</Dialog.Description>
              ) : null}
            </div>
            <Dialog.Close className="button button-ghost modal-close" aria-label="Close">
              ✕
            </Dialog.Close>
          </header>
          <div className="modal-body">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A connected element of the same tag and text as one that left the page, if exactly one. */
function sameControl(gone: HTMLElement | null): HTMLElement | null {
  if (!gone) return null;
  const text = gone.textContent?.trim();
  if (!text) return null;
  const matches = [...document.querySelectorAll<HTMLElement>(gone.tagName)].filter(
    (element) => element.textContent?.trim() === text,
  );
  return matches.length === 1 ? matches[0]! : null;
}

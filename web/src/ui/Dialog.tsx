// A modal dialog on the native <dialog> element: focus stays inside, Escape closes, and
// the element marked data-autofocus has the focus when it opens.
import { type ReactNode, useEffect, useRef } from "react";

export function Dialog({ title, open, onClose, children, wide }: {
  title: string; open: boolean; onClose: () => void; children: ReactNode; wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal(); // focuses the first button; the dialog's own first field is better
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const id = `dialog-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <dialog ref={ref} className={wide ? "wide" : undefined} aria-labelledby={id} onClose={onClose}
      onCancel={(e) => { e.preventDefault(); onClose(); }}>
      {open && (
        <>
          <header className="dialog-head">
            <h2 id={id}>{title}</h2>
            <button type="button" aria-label="Close" onClick={onClose}>✕</button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}

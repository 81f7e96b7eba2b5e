// A barcode scanner is a keyboard that types digits fast and presses Enter. Wherever the
// focus is (but in a field that takes text of its own), those keys make one scan. In the
// till's search box (data-scanner) the scanned digits are taken back out again: the box
// keeps what the cashier typed, and the next scan works at once.
import { useEffect } from "react";

const MIN_LENGTH = 4;
const MAX_GAP_MS = 60; // a scanner types far faster than a person

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.dataset.scanner === "true") return false; // the search box hands scans over
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
}

/** Set a React-controlled input's value as typing would (React hears an input event). */
export function setFieldValue(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

export function useScanner(onScan: (code: string) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let buffer = "";
    let last = 0;
    let before: { input: HTMLInputElement; value: string } | null = null; // the search box, as it was
    const onKey = (event: KeyboardEvent) => {
      if (isTextField(event.target) || event.ctrlKey || event.altKey || event.metaKey) return;
      const now = performance.now();
      if (now - last > MAX_GAP_MS * 5) buffer = "";
      last = now;
      if (/^[0-9]$/.test(event.key)) {
        if (!buffer) {
          const input = event.target instanceof HTMLInputElement ? event.target : null;
          before = input ? { input, value: input.value } : null;
        }
        buffer += event.key;
      } else if (event.key === "Enter" && buffer.length >= MIN_LENGTH) {
        event.preventDefault();
        if (before) setFieldValue(before.input, before.value);
        onScan(buffer);
        buffer = "";
        before = null;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onScan, enabled]);
}

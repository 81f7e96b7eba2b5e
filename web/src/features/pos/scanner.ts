// A barcode scanner is a keyboard that types digits fast and presses Enter. Wherever the
// focus is (but in a field that takes text of its own), those keys make one scan.
import { useEffect } from "react";

const MIN_LENGTH = 4;
const MAX_GAP_MS = 60; // a scanner types far faster than a person

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.dataset.scanner === "true") return false; // the search box hands Enter over itself
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
}

export function useScanner(onScan: (code: string) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let buffer = "";
    let last = 0;
    const onKey = (event: KeyboardEvent) => {
      if (isTextField(event.target) || event.ctrlKey || event.altKey || event.metaKey) return;
      const now = performance.now();
      if (now - last > MAX_GAP_MS * 5) buffer = "";
      last = now;
      if (/^[0-9]$/.test(event.key)) {
        buffer += event.key;
      } else if (event.key === "Enter" && buffer.length >= MIN_LENGTH) {
        event.preventDefault();
        onScan(buffer);
        buffer = "";
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onScan, enabled]);
}

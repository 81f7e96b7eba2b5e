// Light or dark, remembered per user on this device; without a choice the store's
// default theme (a setting) applies, and with "system" the device's preference.
import { useEffect, useState } from "react";
import { useStore } from "./store";

type Theme = "light" | "dark";
const key = (userId: string | undefined) => `oms.theme.${userId ?? "guest"}`;

function stored(userId: string | undefined): Theme | null {
  const value = localStorage.getItem(key(userId));
  return value === "light" || value === "dark" ? value : null;
}

function apply(theme: Theme | null): void {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

/** The store's default theme: null for the device's own preference. */
function useStoreTheme(): Theme | null {
  const store = useStore();
  const theme = store.data?.default_theme;
  return theme === "light" || theme === "dark" ? theme : null;
}

export function useTheme(userId: string | undefined): void {
  const fallback = useStoreTheme();
  useEffect(() => apply(stored(userId) ?? fallback), [userId, fallback]);
}

export function ThemeToggle({ userId }: { userId: string }) {
  const fallback = useStoreTheme();
  const system: Theme = matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  const [chosen, setChosen] = useState<Theme | null>(stored(userId));
  const theme = chosen ?? fallback ?? system;
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      aria-pressed={theme === "dark"}
      onClick={() => {
        localStorage.setItem(key(userId), next);
        apply(next);
        setChosen(next);
      }}
    >
      {theme === "dark" ? "Light mode" : "Dark mode"}
    </button>
  );
}

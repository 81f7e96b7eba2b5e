// Light or dark, remembered per user on this device (the settings issue adds the
// store's default); without a choice the system's preference applies.
import { useEffect, useState } from "react";

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

export function useTheme(userId: string | undefined): void {
  useEffect(() => apply(stored(userId)), [userId]);
}

export function ThemeToggle({ userId }: { userId: string }) {
  const system: Theme = matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  const [theme, setTheme] = useState<Theme>(stored(userId) ?? system);
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      aria-pressed={theme === "dark"}
      onClick={() => {
        localStorage.setItem(key(userId), next);
        apply(next);
        setTheme(next);
      }}
    >
      {theme === "dark" ? "Light mode" : "Dark mode"}
    </button>
  );
}

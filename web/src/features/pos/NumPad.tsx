// A numeric pad for touch screens; the amount field beside it takes the keyboard.
const KEYS = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "0", ".", "⌫"];

export function press(value: string, key: string): string {
  if (key === "⌫") return value.slice(0, -1);
  if (key === "." && value.includes(".")) return value;
  if (/\.\d{2}$/.test(value)) return value; // cents are the last digits
  return value + key;
}

export function NumPad({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <div className="numpad" role="group" aria-label="Number pad">
      {KEYS.map((k) => (
        <button key={k} type="button" aria-label={k === "⌫" ? "Delete last digit" : k === "." ? "Decimal point" : k}
          onClick={() => onChange(press(value, k))}>{k}</button>
      ))}
    </div>
  );
}

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, ApiError, type Me, must } from "../../api/client";
import { keep } from "../../offline/store";
import { Field } from "../../ui/Field";

const REGISTER = "[A-Za-z0-9._\\-]{1,32}";
const MONEY = "[0-9]{1,7}(\\.[0-9]{1,2})?";

/** No open shift on this register: open one with the float in the drawer. */
export function OpenShiftForm({ me, register, setRegister }: {
  me: Me; register: string; setRegister: (name: string) => void;
}) {
  const client = useQueryClient();
  const [name, setName] = useState(register);
  const [float, setFloat] = useState("100.00");
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const shift = await must(api.POST("/api/v1/shifts", { body: { register: name.trim(), opening_float: float } }));
      // The answer is the open shift: no need to read it back (the list may not have it yet).
      client.setQueryData(["shift", shift.register], shift);
      await keep(`shift:${shift.register}`, shift);
      setRegister(shift.register);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "error", String(e)));
    }
  };
  return (
    <form className="panel narrow" onSubmit={submit}>
      <h1>Open a shift</h1>
      <p>{me.full_name ?? me.username}, count the float in the drawer and open the till.</p>
      <Field id="register" label="Register (letters, digits, . _ -)" required value={name} pattern={REGISTER}
        maxLength={32} autoFocus error={error?.details.field === "register" ? "Letters, digits, dot, dash or underscore; up to 32." : undefined}
        onChange={(e) => setName(e.target.value)} />
      <Field id="opening-float" label="Opening float" inputMode="decimal" required value={float} pattern={MONEY}
        error={error?.details.field === "opening_float" ? "An amount like 100.00" : undefined}
        onChange={(e) => setFloat(e.target.value)} />
      {error && !error.details.field && <p className="error" role="alert">
        {error.code === "shift_already_open" ? `${name} already has an open shift of another cashier.` : error.message}
      </p>}
      <button type="submit" className="primary">Open shift</button>
    </form>
  );
}

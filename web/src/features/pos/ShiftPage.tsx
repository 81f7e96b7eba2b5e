// The shift: the X report at any time, cash in/out with a reason, and closing with the
// counted cash, which gives the Z report (expected vs counted, variance).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, ApiError, type Me, must, type Shift } from "../../api/client";
import { keep } from "../../offline/store";
import { useStoreTime } from "../../lib/time";
import { Field } from "../../ui/Field";
import { useOpenShift, useRegister } from "../../lib/till";
import { OpenShiftForm } from "./OpenShiftForm";
import { Report } from "./Report";

export default function ShiftPage({ me }: { me: Me }) {
  const [register, setRegister] = useRegister();
  const open = useOpenShift(register);
  const [closed, setClosed] = useState<Shift | null>(null);
  if (closed) {
    return (
      <section className="panel printable">
        <h1>Z report · {closed.register}</h1>
        {closed.report && <Report report={closed.report} movements={closed.movements ?? []} />}
        {closed.chain && <p className="chain">Audit chain head: {closed.chain.position}:{closed.chain.hash}</p>}
        <div className="actions no-print">
          <button type="button" onClick={() => window.print()}>Print</button>
          <a className="button" href={`/api/v1/shifts/${closed.id}/report?format=pdf`} download>Download PDF</a>
          <button type="button" className="primary" onClick={() => setClosed(null)}>Done</button>
        </div>
      </section>
    );
  }
  if (open.isPending) return <p className="centered">Loading…</p>;
  if (!open.data) return <OpenShiftForm me={me} register={register} setRegister={setRegister} />;
  return <OpenShift id={open.data.id} me={me} onClosed={setClosed} />;
}

function OpenShift({ id, me, onClosed }: { id: string; me: Me; onClosed: (s: Shift) => void }) {
  const client = useQueryClient();
  const shift = useQuery({
    queryKey: ["shift-report", id],
    queryFn: () => must(api.GET("/api/v1/shifts/{id}", { params: { path: { id } } })),
  });
  const [error, setError] = useState("");
  const time = useStoreTime();
  const run = async (work: () => Promise<unknown>) => {
    setError("");
    try {
      await work();
      await client.invalidateQueries({ queryKey: ["shift-report", id] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (!shift.data) return <p className="centered">Loading…</p>;
  return (
    <div className="shift">
      <section className="panel">
        <h1>X report · {shift.data.register}</h1>
        <p className="muted">Opened {time(shift.data.opened_at)} by {shift.data.cashier === me.id ? "you" : "another cashier"}</p>
        {shift.data.report && <Report report={shift.data.report} movements={shift.data.movements ?? []} />}
        <button type="button" onClick={() => shift.refetch()}>Refresh</button>
      </section>
      <section className="panel">
        <CashForm onMove={(body) => run(() => must(api.POST("/api/v1/shifts/{id}/cash-movements",
          { params: { path: { id } }, body })))} />
        <CloseForm onClose={(counted) => run(async () => {
          const closed = await must(api.POST("/api/v1/shifts/{id}/close",
            { params: { path: { id } }, body: { counted_cash: counted } }));
          client.setQueryData(["shift", closed.register], null); // closed: the till asks for a new shift
          await keep(`shift:${closed.register}`, null);
          onClosed(closed);
        })} />
        {error && <p className="error" role="alert">{error}</p>}
      </section>
    </div>
  );
}

function CashForm({ onMove }: { onMove: (b: { kind: "in" | "out"; amount: string; reason: string }) => void }) {
  const [kind, setKind] = useState<"in" | "out">("out");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onMove({ kind, amount, reason });
    setAmount("");
    setReason("");
  };
  return (
    <form onSubmit={submit}>
      <h2>Cash in / out</h2>
      <fieldset>
        <legend>Direction</legend>
        <label><input type="radio" name="cash-kind" checked={kind === "in"} onChange={() => setKind("in")} /> In</label>
        <label><input type="radio" name="cash-kind" checked={kind === "out"} onChange={() => setKind("out")} /> Out</label>
      </fieldset>
      <Field id="cash-amount" label="Amount" inputMode="decimal" required value={amount}
        onChange={(e) => setAmount(e.target.value)} />
      <Field id="cash-reason" label="Reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit">Record</button>
    </form>
  );
}

function CloseForm({ onClose }: { onClose: (counted: string) => void }) {
  const [counted, setCounted] = useState("");
  return (
    <form onSubmit={(e) => { e.preventDefault(); onClose(counted); }}>
      <h2>Close the shift</h2>
      <Field id="counted-cash" label="Counted cash" inputMode="decimal" required value={counted}
        onChange={(e) => setCounted(e.target.value)} />
      <button type="submit" className="primary">Close shift (Z report)</button>
    </form>
  );
}

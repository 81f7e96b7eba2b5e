// Users and roles (admin): search and page through users, create one, change a role,
// deactivate and reactivate, reset a password; custom roles with their permissions.
// The API's refusals (password policy, last admin, unknown role) are shown at their field.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, ApiError, must, type Schemas } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import { Pager } from "../../ui/Pager";

type User = Schemas["User"];
type Failure = { field: string; message: string } | null;
const PER_PAGE = 25;

function failure(err: unknown): Failure {
  return err instanceof ApiError ? { field: String(err.details.field ?? ""), message: err.message }
    : { field: "", message: String(err) };
}

export default function UsersPage() {
  const client = useQueryClient();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState("");
  const [resetting, setResetting] = useState<User | null>(null);
  const [position, setPosition] = useState<number | undefined>();
  const users = useQuery({ queryKey: ["users", q, page, position], queryFn: () => must(api.GET("/api/v1/users", {
    params: { query: { page, per_page: PER_PAGE, ...(q ? { q } : {}), ...(position ? { min_position: position } : {}) } } })) });
  const roles = useQuery({ queryKey: ["roles", position], queryFn: () => must(api.GET("/api/v1/roles", {
    params: { query: position ? { min_position: position } : {} } })) });
  const done = (message: string, at?: number | null) => {
    setNotice(message);
    setPosition(at ?? undefined);
    void client.invalidateQueries({ queryKey: ["users"] });
  };
  const act = async (call: Promise<{ position?: number | null; username: string }>, what: string) => {
    try {
      const user = await call;
      done(`${user.username}: ${what}.`, user.position);
    } catch (err) {
      setNotice(failure(err)?.message ?? "");
    }
  };
  const names = roles.data?.items.map((r) => r.name) ?? [];
  return (
    <section className="panel wide">
      <h1>Users and roles</h1>
      <p role="status" className="notice">{notice}</p>
      <div role="search" className="search">
        <label htmlFor="users-search">Search users</label>
        <input id="users-search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
      </div>
      <div className="table-scroll" role="region" aria-label="Users" tabIndex={0}>
        <table className="records">
          <thead><tr><th>Username</th><th>Name</th><th>Role</th><th>Active</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>{users.data?.items.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td><td>{u.full_name ?? ""}</td>
              <td><select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => act(must(api.PATCH(
                "/api/v1/users/{id}", { params: { path: { id: u.id } }, body: { role: e.target.value } })),
                `now ${e.target.value}`)}>{(names.includes(u.role) ? names : [u.role, ...names]).map((n) => (
                  <option key={n}>{n}</option>))}</select></td>
              <td>{u.active ? "yes" : "no"}</td>
              <td className="row-actions">
                {u.active
                  ? <button type="button" aria-label={`Deactivate ${u.username}`} onClick={() => act(must(api.POST(
                    "/api/v1/users/{id}/deactivate", { params: { path: { id: u.id } } })), "deactivated")}>Deactivate</button>
                  : <button type="button" aria-label={`Reactivate ${u.username}`} onClick={() => act(must(api.POST(
                    "/api/v1/users/{id}/reactivate", { params: { path: { id: u.id } } })), "reactivated")}>Reactivate</button>}
                <button type="button" aria-label={`Reset the password of ${u.username}`}
                  onClick={() => setResetting(u)}>Password</button>
              </td>
            </tr>))}</tbody>
        </table>
      </div>
      <Pager page={page} perPage={PER_PAGE} list={users.data} onPage={setPage} />
      <NewUser roles={names} onDone={done} />
      <Roles roles={roles.data?.items ?? []} onDone={done} />
      <Dialog title={`New password for ${resetting?.username ?? ""}`} open={resetting !== null}
        onClose={() => setResetting(null)}>
        {resetting && <ResetForm user={resetting} onDone={(m, at) => { setResetting(null); done(m, at); }} />}
      </Dialog>
    </section>
  );
}

function NewUser({ roles, onDone }: { roles: string[]; onDone: (m: string, at?: number | null) => void }) {
  const [error, setError] = useState<Failure>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget, data = new FormData(form);
    const text = (n: string) => String(data.get(n) ?? "").trim();
    try {
      const user = await must(api.POST("/api/v1/users", { body: { username: text("username"),
        password: String(data.get("password")), role: text("role"), email: text("email") || null,
        full_name: text("full_name") || null } }));
      setError(null);
      form.reset();
      onDone(`${user.username} created (${user.role}).`, user.position);
    } catch (err) {
      setError(failure(err));
    }
  };
  const at = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <form onSubmit={submit} aria-labelledby="new-user-title" className="settings">
      <h2 id="new-user-title">New user</h2>
      {[["username", "Username"], ["password", "Password"], ["full_name", "Full name"], ["email", "Email"]].map(([n, l]) => (
        <div className="field" key={n}><label htmlFor={`new-${n}`}>{l}</label>
          <input id={`new-${n}`} name={n} type={n === "password" ? "password" : "text"} required={n === "username" || n === "password"}
            aria-invalid={at(n) ? true : undefined} aria-describedby={at(n) ? `new-${n}-error` : undefined} />
          {at(n) && <p id={`new-${n}-error`} className="error">{at(n)}</p>}</div>))}
      <div className="field"><label htmlFor="new-role">Role</label>
        <select id="new-role" name="role" required defaultValue="">
          <option value="" disabled>Choose a role</option>{roles.map((r) => <option key={r}>{r}</option>)}
        </select></div>
      {error && !["username", "password", "full_name", "email"].includes(error.field) &&
        <p className="error" role="alert">{error.message}</p>}
      <button type="submit" className="primary">Create user</button>
    </form>
  );
}

function ResetForm({ user, onDone }: { user: User; onDone: (m: string, at?: number | null) => void }) {
  const [error, setError] = useState("");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("new_password"));
    try {
      const done = await must(api.POST("/api/v1/users/{id}/password", { params: { path: { id: user.id } },
        body: { new_password: password } }));
      onDone(`${user.username}: password reset; their sessions end.`, done.position);
    } catch (err) {
      setError(failure(err)?.message ?? "");
    }
  };
  return (
    <form onSubmit={submit}>
      <div className="field"><label htmlFor="reset-password">New password</label>
        <input id="reset-password" name="new_password" type="password" required data-autofocus
          aria-invalid={error ? true : undefined} aria-describedby={error ? "reset-error" : undefined} />
        {error && <p id="reset-error" className="error">{error}</p>}</div>
      <button type="submit" className="primary">Reset password</button>
    </form>
  );
}

function Roles({ roles, onDone }: { roles: Schemas["Role"][]; onDone: (m: string, at?: number | null) => void }) {
  const permissions = useQuery({ queryKey: ["permissions"], queryFn: () => must(api.GET("/api/v1/permissions")) });
  const [editing, setEditing] = useState<Schemas["Role"] | "new" | null>(null);
  const [error, setError] = useState("");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const chosen = data.getAll("permission").map(String);
    try {
      const role = editing === "new"
        ? await must(api.POST("/api/v1/roles", { body: { name: String(data.get("name")).trim(), permissions: chosen } }))
        : await must(api.PATCH("/api/v1/roles/{name}", { params: { path: { name: editing?.name ?? "" } },
          body: { permissions: chosen } }));
      setEditing(null);
      setError("");
      onDone(`Role ${role.name} saved (${role.permissions.length} permissions).`, role.position);
    } catch (err) {
      setError(failure(err)?.message ?? "");
    }
  };
  return (
    <div>
      <h2>Roles</h2>
      <ul className="roles">{roles.map((r) => (
        <li key={r.name}><strong>{r.name}</strong> <span className="muted">{r.builtin ? "built in" : "custom"},
          {" "}{r.permissions.length} permissions</span>{" "}
          {!r.builtin && <button type="button" onClick={() => setEditing(r)}>Edit {r.name}</button>}</li>))}</ul>
      <button type="button" onClick={() => setEditing("new")}>New role</button>
      <Dialog title={editing === "new" ? "New role" : `Role ${editing?.name ?? ""}`} open={editing !== null}
        onClose={() => setEditing(null)} wide>
        <form onSubmit={submit}>
          {editing === "new" && <div className="field"><label htmlFor="role-name">Name</label>
            <input id="role-name" name="name" required data-autofocus /></div>}
          <fieldset><legend>Permissions</legend>
            {permissions.data?.items.map((p) => (
              <label key={p}><input type="checkbox" name="permission" value={p}
                defaultChecked={editing !== "new" && editing?.permissions.includes(p)} /> {p}</label>))}
          </fieldset>
          {error && <p className="error" role="alert">{error}</p>}
          <button type="submit" className="primary">Save role</button>
        </form>
      </Dialog>
    </div>
  );
}

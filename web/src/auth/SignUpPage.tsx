import { type FormEvent, useState } from "react";
import { Link } from "react-router-dom";
import { api, ApiError, must } from "../api/client";
import { Field } from "../ui/Field";
import { useLogin } from "./session";

/** A customer's own account: sign up, then signed in at once. */
export function SignUpPage() {
  const login = useLogin();
  const [form, setForm] = useState({ username: "", password: "", email: "", full_name: "" });
  const [error, setError] = useState<ApiError | null>(null);
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  const at = (field: string) => (error?.details.field === field ? error.message : undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await must(api.POST("/api/v1/auth/signup", { body: form }));
      login.mutate({ username: form.username, password: form.password });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "error", String(e)));
    }
  };
  return (
    <main className="login">
      <form className="panel" onSubmit={submit} aria-labelledby="signup-title">
        <h1 id="signup-title">Create your account</h1>
        <Field id="full_name" label="Full name" required autoComplete="name" value={form.full_name}
          onChange={set("full_name")} error={at("full_name")} />
        <Field id="email" label="Email" type="email" required autoComplete="email" value={form.email}
          onChange={set("email")} error={at("email")} />
        <Field id="username" label="Username" required autoComplete="username" value={form.username}
          onChange={set("username")} error={at("username")} />
        <Field id="password" label="Password (at least 8 characters)" type="password" required minLength={8}
          autoComplete="new-password" value={form.password} onChange={set("password")} error={at("password")} />
        {error && !error.details.field && <p className="error" role="alert">{error.message}</p>}
        {login.error && <p className="error" role="alert">
          Your account is made, but logging in failed ({login.error.message}): <Link to="/login">log in</Link>.
        </p>}
        <button type="submit" className="primary">Sign up</button>
        <p>Have an account? <Link to="/login">Log in</Link></p>
      </form>
    </main>
  );
}

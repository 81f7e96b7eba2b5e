import { type FormEvent, useState } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../api/client";
import { useLogin } from "./session";

export function LoginPage() {
  const login = useLogin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password });
  };
  const error = login.error instanceof ApiError ? login.error : null;
  return (
    <main className="login">
      <form className="panel" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Log in to OMS</h1>
        <label htmlFor="username">Username</label>
        <input id="username" autoComplete="username" autoFocus required value={username}
          onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} />
        {error && (
          <p className="error" role="alert">
            {error.status === 401 ? "Wrong username or password." : error.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? "Logging in…" : "Log in"}
        </button>
        <p>New here? <Link to="/signup">Create an account</Link> to order online, or{" "}
          <Link to="/">browse the shop</Link>.</p>
      </form>
    </main>
  );
}

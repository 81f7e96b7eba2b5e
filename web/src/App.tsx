import { lazy, Suspense, useEffect, useRef, useState, type MouseEvent } from "react";
import { Navigate, NavLink, Route, Routes, useLocation } from "react-router-dom";
import type { Me } from "./api/client";
import { LoginPage } from "./auth/LoginPage";
import { allowed, groups, home as homeOf } from "./auth/permissions";
import { SignUpPage } from "./auth/SignUpPage";
import { useLogout, useMe } from "./auth/session";
import { feed } from "./live/feed";
import { OfflineBar } from "./offline/OfflineBar";
import { useLiveState } from "./live/useLive";
import { useStore } from "./ui/store";
import { ThemeToggle, useTheme } from "./ui/theme";
import { CUSTOMERS, EXPENSES, PRODUCTS, SALESMEN, VENDORS } from "./features/backoffice/areas";

// One chunk per screen: the till loads only the till's code.
const PosPage = lazy(() => import("./features/pos/PosPage"));
const ShiftPage = lazy(() => import("./features/pos/ShiftPage"));
const BoardPage = lazy(() => import("./features/board/BoardPage"));
const OrdersPage = lazy(() => import("./features/board/OrdersPage"));
const ReadyScreen = lazy(() => import("./features/board/ReadyScreen"));
const ShopPage = lazy(() => import("./features/storefront/ShopPage"));
const MyOrdersPage = lazy(() => import("./features/storefront/MyOrdersPage"));
const RecordsPage = lazy(() => import("./features/backoffice/RecordsPage"));
const SettingsPage = lazy(() => import("./features/settings/SettingsPage"));
const CustomOrdersPage = lazy(() => import("./features/custom/CustomOrdersPage"));
const StockPage = lazy(() => import("./features/stock/StockPage"));
const DashboardPage = lazy(() => import("./features/reports/DashboardPage"));
const ReportsPage = lazy(() => import("./features/reports/ReportsPage"));
const AuditPage = lazy(() => import("./features/audit/AuditPage"));
const UsersPage = lazy(() => import("./features/users/UsersPage"));
const AREAS = { "/catalog": PRODUCTS, "/customers": CUSTOMERS, "/vendors": VENDORS, "/salesmen": SALESMEN, "/expenses": EXPENSES };

export function App() {
  const me = useMe();
  const location = useLocation();
  useTheme(me.data?.id);
  useEffect(() => {
    if (me.data) feed.start(); // one live connection per signed-in screen, whatever it shows
    else feed.stop();
  }, [me.data]);
  if (me.isPending) return <Loading />; // the page's frame at once: nothing moves when it fills
  if (me.isError) return <p className="centered" role="alert">The server cannot be reached. Retrying…</p>;
  if (!me.data) {
    return (
      <Routes>
        <Route path="/" element={<GuestShop />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignUpPage />} />
        <Route path="*" element={<Navigate to="/login" replace />} />
      </Routes>
    );
  }
  if (location.pathname === "/ready" && allowed(me.data.permissions, "/ready")) {
    return <Suspense fallback={null}><ReadyScreen /></Suspense>; // a screen for customers: no menu
  }
  return <Shell me={me.data} />;
}

/** The shop's name, where the app names itself. */
function Brand() {
  const name = useStore().data?.store_name;
  return <span className="brand">{name && name !== "OMS" ? name : "OMS"}</span>;
}

/** The main menu: the selling screens side by side, the back office in groups (a phone
 * opens it all from its Menu button). A group closes once one of its screens is chosen. */
function MainMenu({ me }: { me: Me }) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const nav = useRef<HTMLElement>(null);
  const close = (e: MouseEvent) => {
    if (!(e.target as HTMLElement).closest("a")) return; // a screen was chosen
    setOpen(false);
    nav.current?.querySelectorAll("details[open]").forEach((d) => d.removeAttribute("open"));
  };
  return (
    <>
      <button type="button" className="menu-button" aria-expanded={open} aria-controls="main-menu"
        onClick={() => setOpen(!open)}>Menu</button>
      <nav aria-label="Main" id="main-menu" ref={nav} className={open ? "open" : undefined} onClick={close}>
        {groups(me.permissions).map(([group, screens]) => group === "Selling" || group === "Shop" ? (
          screens.map((s) => <NavLink key={s.path} to={s.path}>{s.label}</NavLink>)
        ) : (
          <details key={group} className="menu-group" onToggle={(e) => {
            if (!e.currentTarget.open) return; // one group open at a time
            nav.current?.querySelectorAll("details[open]").forEach((d) => d !== e.currentTarget && d.removeAttribute("open"));
          }}>
            <summary className={screens.some((s) => s.path === location.pathname) ? "active" : undefined}>
              {group}</summary>
            <div className="menu">{screens.map((s) => <NavLink key={s.path} to={s.path}>{s.label}</NavLink>)}</div>
          </details>
        ))}
      </nav>
    </>
  );
}

function Shell({ me }: { me: Me }) {
  const home = homeOf(me.permissions);
  const logout = useLogout();
  const live = useLiveState();
  const location = useLocation();
  return (
    <div className="shell">
      <header className="topbar">
        <Brand />
        <MainMenu me={me} />
        <span className={live ? "status ok" : "status"} title="Live updates">
          {live ? "Live" : "Not live"}
        </span>
        {allowed(me.permissions, "/pos") && <OfflineBar />}
        <ThemeToggle userId={me.id} />
        <span className="who">
          {me.full_name ?? me.username} <small>({me.role})</small>
        </span>
        <button type="button" onClick={() => logout.mutate()}>
          Log out
        </button>
      </header>
      <main id="main">
        <Suspense fallback={<p className="centered">Loading…</p>}>
          <Routes>
            <Route path="/login" element={<Navigate to={home} replace />} />
            <Route path="/signup" element={<Navigate to={home} replace />} />
            <Route path="/" element={<Navigate to={home} replace />} />
            {allowed(me.permissions, "/pos") && <Route path="/pos" element={<PosPage me={me} />} />}
            {allowed(me.permissions, "/shift") && <Route path="/shift" element={<ShiftPage me={me} />} />}
            {allowed(me.permissions, "/board") && <Route path="/board" element={<BoardPage me={me} />} />}
            {allowed(me.permissions, "/orders") && <Route path="/orders" element={<OrdersPage me={me} />} />}
            {allowed(me.permissions, "/shop") && <Route path="/shop" element={<ShopPage guest={false} />} />}
            {allowed(me.permissions, "/my-orders") && <Route path="/my-orders" element={<MyOrdersPage />} />}
            {Object.entries(AREAS).filter(([path]) => allowed(me.permissions, path)).map(([path, area]) => (
              <Route key={path} path={path} element={<RecordsPage key={path} area={area} me={me} />} />
            ))}
            {allowed(me.permissions, "/settings") && <Route path="/settings" element={<SettingsPage />} />}
            {allowed(me.permissions, "/stock") && <Route path="/stock" element={<StockPage />} />}
            {allowed(me.permissions, "/dashboard") && <Route path="/dashboard" element={<DashboardPage />} />}
            {allowed(me.permissions, "/reports") && <Route path="/reports" element={<ReportsPage me={me} />} />}
            {allowed(me.permissions, "/audit") && <Route path="/audit" element={<AuditPage me={me} />} />}
            {allowed(me.permissions, "/users") && <Route path="/users" element={<UsersPage />} />}
            {allowed(me.permissions, "/custom-orders") && (
              <Route path="/custom-orders" element={<CustomOrdersPage me={me} />} />)}
            <Route path="/account" element={<Account me={me} />} />
            <Route
              path="*"
              element={
                <p className="centered" role="alert">
                  Nothing here for your role at {location.pathname}.
                </p>
              }
            />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

/** Until the session is known: the guest's frame (most first visits are guests'), so the
 * shop window fills it without moving. */
function Loading() {
  return (
    <div className="shell">
      <GuestHeader />
      <main id="main"><p className="centered">Loading…</p></main>
    </div>
  );
}

function GuestHeader() {
  return (
    <header className="topbar">
      <Brand />
      <nav aria-label="Main" className="guest">
        <NavLink to="/login">Log in</NavLink>
        <NavLink to="/signup">Create an account</NavLink>
      </nav>
      <ThemeToggle userId="guest" />
    </header>
  );
}

/** The shop window for guests: browse, fill a basket, log in or sign up to order. */
function GuestShop() {
  return (
    <div className="shell">
      <GuestHeader />
      <main id="main">
        <Suspense fallback={<p className="centered">Loading…</p>}>
          <ShopPage guest />
        </Suspense>
      </main>
    </div>
  );
}

function Account({ me }: { me: Me }) {
  return (
    <section className="panel">
      <h1>Signed in</h1>
      <p>
        {me.username} ({me.role})
      </p>
    </section>
  );
}

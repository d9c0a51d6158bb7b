import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef } from "react";
import { Announcer } from "./components/feedback.tsx";
import { Link, match, navigate, useLocation } from "./lib/router.tsx";
import { signOut, useSession } from "./lib/session.ts";
import { ConnectionDetailPage } from "./pages/connection-detail.page.tsx";
import { ConnectionEditPage } from "./pages/connection-edit.page.tsx";
import { ConnectionNewPage } from "./pages/connection-new.page.tsx";
import { ConnectionsPage } from "./pages/connections.page.tsx";
import { ContractEditPage } from "./pages/contract-edit.page.tsx";
import { ContractsPage } from "./pages/contracts.page.tsx";
import { DestinationDetailPage } from "./pages/destination-detail.page.tsx";
import { DestinationNewPage } from "./pages/destination-new.page.tsx";
import { DestinationsPage } from "./pages/destinations.page.tsx";
import { EventsPage } from "./pages/events.page.tsx";
import { NotFoundPage } from "./pages/not-found.page.tsx";
import { SettingsPage } from "./pages/settings.page.tsx";
import { SignInPage } from "./pages/sign-in.page.tsx";

const NAV: { to: string; label: string }[] = [
  { to: "/connections", label: "Cloud Connections" },
  { to: "/events", label: "Drift events" },
  { to: "/contracts", label: "Contracts" },
  { to: "/destinations", label: "Destinations" },
  { to: "/settings", label: "Settings" },
];

interface RouteDef {
  pattern: string;
  title: string;
  render: (p: Record<string, string>) => ReactNode;
}

const ROUTES: RouteDef[] = [
  { pattern: "/connections", title: "Cloud Connections", render: () => <ConnectionsPage /> },
  { pattern: "/connections/new", title: "New connection", render: () => <ConnectionNewPage /> },
  { pattern: "/connections/:id", title: "Connection", render: (p) => <ConnectionDetailPage id={p.id!} /> },
  {
    pattern: "/connections/:id/edit",
    title: "Edit connection",
    render: (p) => <ConnectionEditPage id={p.id!} />,
  },
  { pattern: "/events", title: "Drift events", render: () => <EventsPage /> },
  { pattern: "/contracts", title: "Contracts", render: () => <ContractsPage /> },
  { pattern: "/contracts/new", title: "New contract", render: () => <ContractEditPage id={null} /> },
  { pattern: "/contracts/:id", title: "Contract", render: (p) => <ContractEditPage id={p.id!} /> },
  { pattern: "/destinations", title: "Destinations", render: () => <DestinationsPage /> },
  { pattern: "/destinations/new", title: "New destination", render: () => <DestinationNewPage /> },
  {
    pattern: "/destinations/:id",
    title: "Destination",
    render: (p) => <DestinationDetailPage id={p.id!} />,
  },
  { pattern: "/settings", title: "Settings", render: () => <SettingsPage /> },
];

function resolve(path: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const session = useSession();
  const loc = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const queryClient = useQueryClient();

  // Another key may be another organisation: nothing fetched with the previous one is shown again.
  const keyRef = useRef(session.apiKey);
  useEffect(() => {
    if (keyRef.current !== session.apiKey) queryClient.clear();
    keyRef.current = session.apiKey;
  }, [session.apiKey, queryClient]);

  useEffect(() => {
    if (loc.path === "/" || loc.path === "") navigate("/connections", { replace: true });
  }, [loc.path]);

  const found = resolve(loc.path);
  useEffect(() => {
    document.title = `${session.apiKey ? (found?.route.title ?? "Not found") : "Sign in"} · driftwatch`;
  }, [found?.route.title, session.apiKey]);

  // After a client-side navigation, move focus to the page so screen readers start at its heading.
  const firstPath = useRef(loc.path);
  useEffect(() => {
    if (loc.path !== firstPath.current) mainRef.current?.focus({ preventScroll: true });
  }, [loc.path]);

  if (!session.apiKey) {
    return (
      <>
        <main id="main">
          <SignInPage notice={session.notice} />
        </main>
        <Announcer />
      </>
    );
  }

  const section = NAV.find((n) => loc.path === n.to || loc.path.startsWith(`${n.to}/`));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="bar">
          <Link to="/connections" className="brand" aria-label="driftwatch home">
            <svg width="22" height="22" viewBox="0 0 16 16" aria-hidden="true">
              <rect width="16" height="16" rx="3" fill="#2f7fd6" />
              <path d="M3 10c2-3 3 0 5-2s3-3 5-1" stroke="white" strokeWidth="1.6" fill="none" />
            </svg>
            driftwatch
          </Link>
          <nav className="main-nav" aria-label="Main">
            <ul>
              {NAV.map((n) => (
                <li key={n.to}>
                  <Link to={n.to} aria-current={section?.to === n.to ? "page" : undefined}>
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-end">
            <button type="button" className="btn small" onClick={() => signOut("You signed out.")}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} style={{ outline: "none" }}>
        {found ? found.route.render(found.params) : <NotFoundPage />}
      </main>
      <Announcer />
    </>
  );
}

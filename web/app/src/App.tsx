// Routes and the shell: the sign-in screen for a signed-out visitor (returning where they were
// going), the navigation for everyone else, showing only what their permissions allow.
import type { ReactNode } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api } from './api/client';
import { MeProvider, useMe, useSignedIn } from './auth/me';
import { session } from './auth/session';
import { useAnswerSender } from './offline/queue';
import { AuditTrail } from './screens/AuditTrail';
import { FindingDetail, FindingsList } from './screens/Findings';
import { IncidentDetail, IncidentsList } from './screens/Incidents';
import { InvestigationDetail } from './screens/Investigation';
import { ReportIncident } from './screens/ReportIncident';
import { Home } from './screens/Home';
import { RunsList } from './screens/RunsList';
import { ScheduleRun } from './screens/ScheduleRun';
import { SignIn } from './screens/SignIn';
import { TakeRun } from './screens/TakeRun';
import { PlanReview, ReviewDetail, ReviewsList } from './screens/Reviews';
import { ActionDetail, ActionsList, VerificationQueue } from './screens/Actions';
import { RiskHeatMap } from './screens/RiskHeatMap';
import { NewRisk, RiskDetail, RisksList } from './screens/Risks';
import { NewTemplate, TemplateBuilder, TemplatesList } from './screens/Templates';
import { NewUser, UserDetail, UsersList } from './screens/Users';
import { NewRole, RoleDetail, RolesList } from './screens/Roles';
import { Soa } from './screens/Soa';
import { StandardDetail, StandardsList } from './screens/Standards';
import { Empty } from './ui';

function RequireSignIn({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function Shell({ children }: { children: ReactNode }) {
  const { me, can } = useMe();
  const navigate = useNavigate();
  useAnswerSender();
  // Signing out goes to the sign-in screen without a page to return to (the next person starts fresh).
  async function signOut() {
    navigate('/sign-in', { replace: true });
    const refresh_token = session.refreshToken();
    if (refresh_token) await api.POST('/api/v1/auth/logout', { body: { refresh_token } }).catch(() => undefined);
    session.end();
  }
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="shell">
        <Link to="/" className="brand">
          QGP
        </Link>
        <nav aria-label="Main">
          {can('audits:read') && <NavLink to="/audits/runs">Audits</NavLink>}
          {can('findings:read') && <NavLink to="/findings">Findings</NavLink>}
          {can('reviews:read') && <NavLink to="/management-reviews">Reviews</NavLink>}
          {can('users:read') && <NavLink to="/users">Users</NavLink>}
          {can('risks:read') && <NavLink to="/risks">Risks</NavLink>}
          {can('actions:read') && <NavLink to="/actions?mine=true">Actions</NavLink>}
          {can('audits:read') && <NavLink to="/audits/templates">Templates</NavLink>}
          {can('audit:read') && <NavLink to="/audit-trail">Audit trail</NavLink>}
          {can('standards:read') && <NavLink to="/standards">Standards</NavLink>}
          {can('users:read') && <NavLink to="/roles">Roles</NavLink>}
          {can('incidents:read') && <NavLink to="/incidents">Incidents</NavLink>}
          {can('incidents:report') && <NavLink to="/report" className="report-link">Report an incident</NavLink>}
        </nav>
        <div className="user">
          <span className="muted">{me?.full_name}</span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <div id="content">{children}</div>
    </>
  );
}

function Allowed({ permission, children }: { permission: string; children: ReactNode }) {
  const { me, can } = useMe();
  if (!me) return null;
  if (!can(permission)) {
    return (
      <main>
        <Empty title="Not available to you">Your roles do not include {permission}. Ask an administrator.</Empty>
      </main>
    );
  }
  return <>{children}</>;
}

export function App() {
  return (
    <MeProvider>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route
          path="*"
          element={
            <RequireSignIn>
              <Shell>
                <Routes>
                  <Route path="/" element={<Home />} />
                  <Route path="/audits/runs" element={<Allowed permission="audits:read"><RunsList /></Allowed>} />
                  <Route path="/audits/runs/new" element={<Allowed permission="audits:write"><ScheduleRun /></Allowed>} />
                  <Route path="/audits/runs/:id" element={<Allowed permission="audits:read"><TakeRun /></Allowed>} />
                  <Route path="/findings" element={<Allowed permission="findings:read"><FindingsList /></Allowed>} />
                  <Route path="/findings/:id" element={<Allowed permission="findings:read"><FindingDetail /></Allowed>} />
                  <Route path="/management-reviews" element={<Allowed permission="reviews:read"><ReviewsList /></Allowed>} />
                  <Route path="/management-reviews/new" element={<Allowed permission="reviews:write"><PlanReview /></Allowed>} />
                  <Route path="/management-reviews/:id" element={<Allowed permission="reviews:read"><ReviewDetail /></Allowed>} />
                  <Route path="/users" element={<Allowed permission="users:read"><UsersList /></Allowed>} />
                  <Route path="/users/new" element={<Allowed permission="users:admin"><NewUser /></Allowed>} />
                  <Route path="/users/:id" element={<Allowed permission="users:read"><UserDetail /></Allowed>} />
                  <Route path="/risks" element={<Allowed permission="risks:read"><RisksList /></Allowed>} />
                  <Route path="/risks/new" element={<Allowed permission="risks:write"><NewRisk /></Allowed>} />
                  <Route path="/risks/matrix" element={<Allowed permission="risks:read"><RiskHeatMap /></Allowed>} />
                  <Route path="/risks/:id" element={<Allowed permission="risks:read"><RiskDetail /></Allowed>} />
                  <Route path="/actions" element={<Allowed permission="actions:read"><ActionsList /></Allowed>} />
                  <Route path="/actions/verification" element={<Allowed permission="actions:verify"><VerificationQueue /></Allowed>} />
                  <Route path="/actions/:id" element={<Allowed permission="actions:read"><ActionDetail /></Allowed>} />
                  <Route path="/audits/templates" element={<Allowed permission="audits:read"><TemplatesList /></Allowed>} />
                  <Route path="/audits/templates/new" element={<Allowed permission="audits:write"><NewTemplate /></Allowed>} />
                  <Route path="/audits/templates/:id" element={<Allowed permission="audits:read"><TemplateBuilder /></Allowed>} />
                  <Route path="/audit-trail" element={<Allowed permission="audit:read"><AuditTrail /></Allowed>} />
                  <Route path="/standards" element={<Allowed permission="standards:read"><StandardsList /></Allowed>} />
                  <Route path="/standards/:id" element={<Allowed permission="standards:read"><StandardDetail /></Allowed>} />
                  <Route path="/standards/:id/soa" element={<Allowed permission="standards:read"><Soa /></Allowed>} />
                  <Route path="/roles" element={<Allowed permission="users:read"><RolesList /></Allowed>} />
                  <Route path="/roles/new" element={<Allowed permission="roles:admin"><NewRole /></Allowed>} />
                  <Route path="/roles/:id" element={<Allowed permission="users:read"><RoleDetail /></Allowed>} />
                  <Route path="/report" element={<Allowed permission="incidents:report"><ReportIncident /></Allowed>} />
                  <Route path="/incidents/new" element={<Navigate to="/report" replace />} />
                  <Route path="/incidents" element={<Allowed permission="incidents:read"><IncidentsList /></Allowed>} />
                  <Route path="/incidents/:id" element={<Allowed permission="incidents:read"><IncidentDetail /></Allowed>} />
                  <Route path="/investigations/:id" element={<Allowed permission="investigations:read"><InvestigationDetail /></Allowed>} />
                  <Route
                    path="*"
                    element={
                      <main>
                        <Empty title="No such page">
                          Go back to the <Link to="/">start page</Link>.
                        </Empty>
                      </main>
                    }
                  />
                </Routes>
              </Shell>
            </RequireSignIn>
          }
        />
      </Routes>
    </MeProvider>
  );
}

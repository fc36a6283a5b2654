// Roles (users:read to see, roles:admin to change): the list, a role's permissions grouped by
// module, and creating or editing a custom role with permission checkboxes from the API's catalogue.
// System roles are managed by `qgp seed` and shown read-only. Roles are given to people on the
// user screens (Users.tsx).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import type { ListSpec } from '../lib/listState';
import { ListBody, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Field, Loading, humanise } from '../ui';
import { byModule, toggled } from './standardsModel';

const spec: ListSpec = { filters: [], sorts: ['name'], defaultSort: '', defaultPageSize: 20 };

type Role = Schemas['Role'];
type Permission = Schemas['Permission'];

export function RolesList() {
  const { can } = useMe();
  const screen = useListScreen(spec, (query) => api.GET('/api/v1/roles', { params: { query: query as never } }), 'roles');
  return (
    <main>
      <div className="title-row">
        <h1>Roles</h1>
        {can('roles:admin') && (
          <Link className="button primary" to="/roles/new">
            New role
          </Link>
        )}
      </div>
      <p className="muted">A role is a set of permissions. Give roles to people on their user page.</p>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No role matches', text: 'Clear the filters to see every role.' }}
        none={{ title: 'No roles yet', text: 'Run `qgp seed` for the system roles, or create a custom role with “New role”.' }}
        columns={[{ field: 'name', label: 'Name' }, { label: 'Kind' }, { label: 'Permissions' }, { label: 'Users' }]}
        rows={screen.list?.items.map((role) => (
          <tr key={role.id}>
            <td>
              <Link to={`/roles/${role.id}`}>{role.name}</Link>
            </td>
            <td>{role.is_system ? 'System' : 'Custom'}</td>
            <td>{role.permissions.length}</td>
            <td>{role.user_count}</td>
          </tr>
        ))}
      />
    </main>
  );
}

function usePermissions(): { permissions: Permission[] | null; error: string } {
  const [permissions, setPermissions] = useState<Permission[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void api.GET('/api/v1/permissions', { params: { query: { page_size: 100 } as never } }).then(({ data, error: failure }) => {
      if (data) setPermissions(data.items);
      else setError(formErrors(failure, []).summary);
    });
  }, []);
  return { permissions, error };
}

// The permissions of a role, grouped by module: checkboxes when `onChange` is given.
function PermissionGroups(props: {
  catalogue: readonly Permission[];
  chosen: readonly string[];
  onChange?: (chosen: string[]) => void;
  error?: string | undefined;
}) {
  const { onChange } = props;
  const shown = onChange ? props.catalogue : props.catalogue.filter((p) => props.chosen.includes(p.name));
  if (shown.length === 0) return <p className="muted">This role grants no permission.</p>;
  return (
    <div className="permission-groups">
      {props.error && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
      {byModule(shown).map((group) => (
        <fieldset key={group.module} className="permission-group">
          <legend>{humanise(group.module)}</legend>
          {group.permissions.map((permission) =>
            onChange ? (
              <label key={permission.name} className="permission">
                <input
                  type="checkbox"
                  checked={props.chosen.includes(permission.name)}
                  onChange={(e) => onChange(toggled(props.chosen, permission.name, e.target.checked))}
                />
                <span>
                  <code>{permission.name}</code> <span className="muted">{permission.description}</span>
                </span>
              </label>
            ) : (
              <p key={permission.name} className="permission">
                <code>{permission.name}</code> <span className="muted">{permission.description}</span>
              </p>
            ),
          )}
        </fieldset>
      ))}
    </div>
  );
}

const roleFields = ['name', 'description', 'permissions'] as const;

// Creating a role (no `role`) or editing a custom one (with the version read).
function RoleForm(props: { role?: Role; catalogue: readonly Permission[]; onSaved: (role: Role) => void; onCancel?: () => void }) {
  const { role } = props;
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [chosen, setChosen] = useState<string[]>(role?.permissions ?? []);
  const [errors, setErrors] = useState<FormErrors>({ summary: '', fields: {} });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const body = { name: name.trim(), description: description.trim() || null, permissions: chosen };
    const { data, error } = role
      ? await api.PATCH('/api/v1/roles/{id}', { params: { path: { id: role.id } }, body: { ...body, version: role.version } })
      : await api.POST('/api/v1/roles', { body });
    setBusy(false);
    if (data) props.onSaved(data);
    else setErrors(formErrors(error, roleFields));
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary message={errors.summary} />
      <div className="stack">
        <Field label="Name" error={errors.fields.name}>
          {(id, describedBy) => (
            <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} aria-invalid={!!describedBy} />
          )}
        </Field>
        <Field label="Description" error={errors.fields.description}>
          {(id, describedBy) => (
            <textarea
              id={id}
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={!!describedBy}
            />
          )}
        </Field>
      </div>
      <h2>Permissions</h2>
      <PermissionGroups catalogue={props.catalogue} chosen={chosen} onChange={setChosen} error={errors.fields.permissions} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : role ? 'Save the role' : 'Create the role'}
        </button>
        {props.onCancel ? (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        ) : (
          <Link to="/roles">Cancel</Link>
        )}
      </div>
    </form>
  );
}

export function NewRole() {
  const navigate = useNavigate();
  const { permissions, error } = usePermissions();
  return (
    <main>
      <p className="crumbs">
        <Link to="/roles">Roles</Link> › new
      </p>
      <h1>New role</h1>
      {!permissions ? (
        error ? <ErrorSummary message={error} /> : <Loading />
      ) : (
        <RoleForm catalogue={permissions} onSaved={(role) => navigate(`/roles/${role.id}`)} />
      )}
    </main>
  );
}

export function RoleDetail() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { can } = useMe();
  const { permissions } = usePermissions();
  const [role, setRole] = useState<Role | null>(null);
  const [error, setError] = useState('');
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void api.GET('/api/v1/roles/{id}', { params: { path: { id } } }).then(({ data, error: failure }) => {
      if (data) setRole(data);
      else setError(formErrors(failure, []).summary);
    });
  }, [id]);

  async function remove() {
    const { error: failure, response } = await api.DELETE('/api/v1/roles/{id}', { params: { path: { id } } });
    if (response.ok) navigate('/roles');
    else setError(formErrors(failure, []).summary);
  }

  if (!role || !permissions) return <main>{error ? <ErrorSummary message={error} /> : <Loading />}</main>;
  const mayChange = can('roles:admin') && !role.is_system;
  return (
    <main>
      <p className="crumbs">
        <Link to="/roles">Roles</Link> › {role.name}
      </p>
      <h1>{role.name}</h1>
      <p>
        <Badge value={role.is_system ? 'system' : 'custom'} /> held by {role.user_count} user{role.user_count === 1 ? '' : 's'}
        {role.user_count > 0 && (
          <>
            {' '}
            · <Link to={`/users?role_id=${role.id}`}>see them</Link>
          </>
        )}
      </p>
      {role.description && <p>{role.description}</p>}
      {role.is_system && <p className="muted">System roles are kept up to date by `qgp seed` and cannot be changed here.</p>}
      <ErrorSummary message={error} />
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {editing ? (
        <RoleForm
          role={role}
          catalogue={permissions}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setRole(saved);
            setEditing(false);
            setMessage('The role is saved.');
          }}
        />
      ) : (
        <>
          <h2>Permissions</h2>
          <PermissionGroups catalogue={permissions} chosen={role.permissions} />
          {mayChange && (
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setMessage('');
                  setEditing(true);
                }}
              >
                Edit the role
              </button>
              {role.user_count === 0 && (
                <button type="button" onClick={() => void remove()}>
                  Delete the role
                </button>
              )}
            </div>
          )}
        </>
      )}
    </main>
  );
}

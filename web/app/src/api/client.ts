// The API client: openapi-fetch typed by src/api/schema.d.ts, which the build generates from the
// server's OpenAPI document (cmake/web_app.cmake), so a changed API fails `tsc`, not a user.
import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../auth/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

const auth: Middleware = {
  async onRequest({ request }) {
    if (request.url.includes('/api/v1/auth/login')) return request;
    await session.refresh();
    const token = session.accessToken;
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    // A token the server no longer accepts (expired, revoked, the user disabled): back to sign-in.
    if (response.status === 401 && !request.url.includes('/api/v1/auth/') && session.signedIn) {
      session.end('Your session has ended. Sign in again to continue.');
    }
    return response;
  },
};

// Same origin, spelt out: a Request needs an absolute URL outside a browser (the tests' jsdom).
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

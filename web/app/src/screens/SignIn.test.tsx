import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// The API client takes the global fetch when its module loads: stub first, then import.
async function renderSignIn(answer: () => Response) {
  vi.stubGlobal('fetch', vi.fn(async () => answer()));
  vi.resetModules();
  const { SignIn } = await import('./SignIn');
  render(
    <MemoryRouter>
      <SignIn />
    </MemoryRouter>,
  );
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('SignIn', () => {
  it('shows the API field error next to its field, tied to it for screen readers', async () => {
    await renderSignIn(() =>
      json(422, {
        error_code: 'VALIDATION_ERROR',
        message: 'the request is invalid',
        details: { fields: { email: 'must be an email address' } },
        request_id: 'r',
      }),
    );
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'nobody' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const problem = await screen.findByText('must be an email address');
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-describedby')).toBe(problem.id);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Password').getAttribute('aria-describedby')).toBeNull();
  });

  it('shows a refusal without fields as the form message', async () => {
    await renderSignIn(() =>
      json(401, { error_code: 'UNAUTHENTICATED', message: 'invalid email or password', details: {}, request_id: 'r' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('invalid email or password');
  });
});

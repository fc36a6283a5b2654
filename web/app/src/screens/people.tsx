// Who is who on the risk and action screens: records carry user ids (owner, completer,
// approver); a user who may read the user list sees names, anyone else sees "you" for themselves
// and the id for others. The owner choices of a form are the active users, or only "me".
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useMe } from '../auth/me';
import type { Choice } from './formKit';

export interface Person {
  id: number;
  full_name: string;
  is_active: boolean;
}

export function personName(id: number | null | undefined, people: readonly Person[], meId: number | undefined): string {
  if (id === null || id === undefined) return '—';
  if (id === meId) return 'you';
  return people.find((p) => p.id === id)?.full_name ?? `user #${id}`;
}

export function ownerChoices(people: readonly Person[], me: { id: number; full_name: string } | null): Choice[] {
  const choices: Choice[] = [{ value: '', label: 'Nobody yet' }];
  if (me) choices.push({ value: String(me.id), label: `${me.full_name} (you)` });
  for (const p of people) {
    if (p.is_active && p.id !== me?.id) choices.push({ value: String(p.id), label: p.full_name });
  }
  return choices;
}

export function usePeople() {
  const { me, can } = useMe();
  const [people, setPeople] = useState<Person[]>([]);
  const mayList = can('users:read');
  useEffect(() => {
    if (!mayList) return;
    let live = true;
    void api.GET('/api/v1/users', { params: { query: { page_size: 100, sort: 'last_name' } as never } }).then(({ data }) => {
      if (live && data) setPeople(data.items);
    });
    return () => {
      live = false;
    };
  }, [mayList]);
  return {
    people,
    name: (id: number | null | undefined) => personName(id, people, me?.id),
    owners: ownerChoices(people, me),
  };
}

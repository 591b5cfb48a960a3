// C8: the online visitors list as the dashboard holds it: loaded over HTTP, then kept live from
// the server's batched `visitors:changes` (upserts and removals; a `reset` replaces the list, as
// with a seats cap). Reloaded after every reconnect, since batches may have been missed.
import { useEffect, useMemo, useState } from 'react';
import type { OnlineVisitor, OnlineVisitorsChanges } from '@palique/protocol';
import { applyChanges, ordered } from './list-changes';
import { listOnlineVisitors } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { useRealtime } from '../realtime/realtime-context';

export interface OnlineVisitorsState {
  rows: OnlineVisitor[];
  total: number;
  cap: number | null;
  loaded: boolean;
  error: string | null;
}

export function useOnlineVisitors(): OnlineVisitorsState {
  const { client } = useRealtime();
  const [rows, setRows] = useState(() => new Map<string, OnlineVisitor>());
  const [meta, setMeta] = useState({ total: 0, cap: null as number | null, loaded: false, error: null as string | null });

  useEffect(() => {
    let live = true;
    // Batches heard while the list loads are applied on top of it, not lost.
    let pending: OnlineVisitorsChanges[] | null = [];
    const load = () => {
      pending = [];
      listOnlineVisitors().then(
        (page) => {
          if (!live) return;
          let map = new Map(page.visitors.map((r) => [r.visitorId, r]));
          for (const c of pending ?? []) map = applyChanges(map, c);
          pending = null;
          setRows(map);
          setMeta({ total: page.total, cap: page.cap, loaded: true, error: null });
        },
        (err) => live && setMeta((m) => ({ ...m, loaded: true, error: errorMessage(err) })),
      );
    };
    const offChanges = client.on('visitors:changes', (changes) => {
      if (pending) return void pending.push(changes);
      setRows((before) => applyChanges(before, changes));
      if (changes.total !== undefined) setMeta((m) => ({ ...m, total: changes.total! }));
    });
    const offConnect = client.on('connect', ({ reconnect }) => reconnect && load());
    load();
    return () => {
      live = false;
      offChanges();
      offConnect();
    };
  }, [client]);

  const list = useMemo(() => ordered(rows), [rows]);
  // Without a cap every online visitor is in the list; with one, the server's total stands.
  const total = meta.cap === null ? list.length : Math.max(meta.total, list.length);
  return { rows: list, total, cap: meta.cap, loaded: meta.loaded, error: meta.error };
}

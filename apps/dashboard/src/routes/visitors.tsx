// C8 / T5: the "Visitors" section: the visitors on the site now, live, in a virtualised table
// with the columns the agent chooses; grey rows chatted before, pale grey rows are chatting now;
// "Start chat" opens a composer whose message reaches the visitor's widget at once.
import { useState } from 'react';
import type { OnlineVisitor } from '@palique/protocol';
import { useOnlineVisitors } from '../features/online-visitors/use-online-visitors';
import { VirtualTable } from '../features/online-visitors/virtual-rows';
import { cellOf, ColumnPicker, useColumnChoice } from '../features/online-visitors/columns';
import { StatusIcons } from '../features/online-visitors/status-icons';
import { StartChatComposer } from '../features/online-visitors/start-chat';
import { visitorLabel } from '../features/conversations/visitor-name';
import { useNow } from '../features/conversations/visit-details';
import { messages } from '../features/i18n/messages';
import '../features/online-visitors/online-visitors.css';

const t = messages.onlineVisitors;
const ROW_HEIGHT = 44;
const TABLE_HEIGHT = 560;

function rowClass(row: OnlineVisitor): string {
  if (row.chatting) return 'visitor-row is-chatting';
  if (row.chattedBefore) return 'visitor-row has-history';
  return 'visitor-row';
}

export function VisitorsScreen() {
  const { rows, total, cap, loaded, error } = useOnlineVisitors();
  const [columns, toggle] = useColumnChoice();
  const [chatWith, setChatWith] = useState<{ id: string; name: string } | null>(null);
  const now = useNow();
  const columnCount = columns.length + 3;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>{t.title}</h1>
        <p className="page-intro">{t.intro}</p>
      </header>

      {chatWith && <StartChatComposer key={chatWith.id} visitorId={chatWith.id} name={chatWith.name} onClose={() => setChatWith(null)} />}

      <section className="card visitors-card" aria-labelledby="visitors-count">
        <div className="visitors-toolbar">
          <h2 id="visitors-count" aria-live="polite">
            {loaded ? t.count(rows.length, total) : t.loading}
          </h2>
          <ColumnPicker chosen={columns} toggle={toggle} />
        </div>
        {cap !== null && <p className="visitors-note">{t.capped(cap)}</p>}
        <p className="visitors-note">{t.legend}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {loaded && rows.length === 0 && !error && <p>{t.none}</p>}
        {rows.length > 0 && (
          <VirtualTable
            rows={rows}
            rowHeight={ROW_HEIGHT}
            height={TABLE_HEIGHT}
            columns={columnCount}
            label={t.table}
            rowKey={(r) => r.visitorId}
            head={
              <tr aria-rowindex={1}>
                <th scope="col">{t.visitor}</th>
                <th scope="col">{t.status}</th>
                {columns.map((c) => (
                  <th scope="col" key={c}>
                    {t.columns[c]}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t.actions}</span>
                </th>
              </tr>
            }
            renderRow={(row, index) => {
              const name = visitorLabel(row.name, row.visitorId);
              return (
                <tr className={rowClass(row)} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }} data-visitor-id={row.visitorId}>
                  <th scope="row">{name}</th>
                  <td>
                    <StatusIcons row={row} />
                  </td>
                  {columns.map((c) => (
                    <td key={c} data-column={c}>
                      {cellOf(c, row, now)}
                    </td>
                  ))}
                  <td>
                    <button type="button" className="button button-small" onClick={() => setChatWith({ id: row.visitorId, name })}>
                      {t.startChat}
                      <span className="visually-hidden"> {name}</span>
                    </button>
                  </td>
                </tr>
              );
            }}
          />
        )}
      </section>
    </div>
  );
}

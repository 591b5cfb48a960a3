// C1/C2 actions in the conversation header: "Transfer" (hand the chat to another agent), "Add
// agent" (group chat; silent until they write) and "Close conversation". The lists follow from
// the live `conversation:updated` events.
import { useEffect, useState } from 'react';
import type { Conversation, TeamMember } from '@palique/protocol';
import { addAgentToConversation, closeConversation, getAgentChoices, transferConversation } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.conversationActions;

export function ConversationActions({ conversation, myId }: { conversation: Conversation; myId: string }) {
  const [team, setTeam] = useState<TeamMember[]>([]);
  const [status, setStatus] = useState('');

  useEffect(() => {
    getAgentChoices().then(
      (t) => setTeam(t.team),
      () => setTeam([]),
    );
  }, []);

  const others = team.filter((a) => a.id !== myId);
  const act = (work: Promise<unknown>, done: string) =>
    work.then(
      () => setStatus(done),
      (err) => setStatus(errorMessage(err)),
    );

  return (
    <div className="thread-actions">
      {others.length > 0 && (
        <>
          <label className="visually-hidden" htmlFor="add-agent">
            {m.addAgent}
          </label>
          <select
            id="add-agent"
            className="button button-small"
            value=""
            onChange={(e) => {
              const agent = others.find((a) => a.id === e.target.value);
              if (agent) void act(addAgentToConversation(conversation.id, agent.id), m.added(agent.name));
            }}
          >
            <option value="">{m.addAgentMenu}</option>
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="transfer-agent">
            {m.transfer}
          </label>
          <select
            id="transfer-agent"
            className="button button-small"
            value=""
            onChange={(e) => {
              const agent = others.find((a) => a.id === e.target.value);
              if (agent) void act(transferConversation(conversation.id, agent.id), m.transferred(agent.name));
            }}
          >
            <option value="">{m.transferMenu}</option>
            {others
              .filter((a) => a.id !== conversation.assigneeId)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </>
      )}
      {conversation.status !== 'closed' && (
        <button type="button" className="button button-small" onClick={() => void act(closeConversation(conversation.id), m.closedDone)}>
          {m.close}
        </button>
      )}
      <span className="visually-hidden" aria-live="polite">
        {status}
      </span>
    </div>
  );
}

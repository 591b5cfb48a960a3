// C1/C2 actions in the conversation header: "Transfer" (hand the chat to another agent), "Add
// agent" (group chat; silent until they write) and "Close conversation". The lists follow from
// the live `conversation:updated` events.
import { useEffect, useState } from 'react';
import type { Conversation, TeamMember } from '@palique/protocol';
import { addAgentToConversation, closeConversation, getAgentChoices, transferConversation } from '../api/endpoints';
import { errorMessage } from '../api/http';

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
            Add agent
          </label>
          <select
            id="add-agent"
            className="button button-small"
            value=""
            onChange={(e) => {
              const agent = others.find((a) => a.id === e.target.value);
              if (agent) void act(addAgentToConversation(conversation.id, agent.id), `${agent.name} was added`);
            }}
          >
            <option value="">Add agent…</option>
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="transfer-agent">
            Transfer
          </label>
          <select
            id="transfer-agent"
            className="button button-small"
            value=""
            onChange={(e) => {
              const agent = others.find((a) => a.id === e.target.value);
              if (agent) void act(transferConversation(conversation.id, agent.id), `Transferred to ${agent.name}`);
            }}
          >
            <option value="">Transfer…</option>
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
        <button type="button" className="button button-small" onClick={() => void act(closeConversation(conversation.id), 'Closed')}>
          Close conversation
        </button>
      )}
      <span className="visually-hidden" aria-live="polite">
        {status}
      </span>
    </div>
  );
}

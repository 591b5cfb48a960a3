// One conversation: header, history, reply box, and the visitor's details alongside.
import { Link, useParams } from 'react-router';
import { useSession } from '../features/auth/session';
import { useConversationThread } from '../features/conversations/use-conversation-thread';
import { MessageList } from '../features/conversations/message-list';
import { Composer } from '../features/conversations/composer';
import { VisitorPanel } from '../features/conversations/visitor-panel';
import { visitorLabel } from '../features/conversations/visitor-name';
import { usePushSeen } from '../features/notifications/push-subscription';
import { ConversationActions } from '../features/conversations/conversation-actions';
import { AttachButton, useFileSender } from '../features/files/attachments';
import { ComposerSlot, MessageEditor, useMessageEditing } from '../features/conversations/message-editing';
import { VisitorAvatar } from '../features/conversations/visitor-avatar';
import { useAgentFaces } from '../features/conversations/use-agent-faces';
import { messages } from '../features/i18n/messages';

const t = messages.conversations;

export function ConversationScreen() {
  const { id = '' } = useParams();
  return <ConversationView key={id} conversationId={id} />;
}

function ConversationView({ conversationId }: { conversationId: string }) {
  const { me } = useSession();
  const thread = useConversationThread(conversationId);
  const files = useFileSender(conversationId);
  const editing = useMessageEditing(thread, me.agent.id);
  usePushSeen(conversationId);
  const faces = useAgentFaces();
  const { conversation, visitor } = thread;
  const visitorId = visitor?.id ?? conversation?.visitorId;
  const name = visitor ? visitorLabel(visitor.name, visitor.id) : conversation ? visitorLabel(conversation.visitorName, conversation.visitorId) : '';

  if (thread.loadError) {
    return (
      <section className="thread">
        <p className="form-error thread-error" role="alert">
          {thread.loadError}
        </p>
      </section>
    );
  }

  return (
    <>
      <section className="thread" aria-labelledby="thread-title">
        <header className="thread-header">
          <Link to="/conversations" className="back-link">
            <span aria-hidden="true">←</span> <span className="visually-hidden">{t.back}</span>
            {t.title}
          </Link>
          {visitorId && <VisitorAvatar visitorId={visitorId} name={name} />}
          <div className="thread-title-block">
            <h2 id="thread-title">{name || t.loading}</h2>
            {conversation && (
              <p className="thread-subtitle">
                {conversation.status === 'closed'
                  ? t.closedNote
                  : conversation.assigneeName
                    ? t.assignedTo(conversation.assigneeName)
                    : t.queueNote}
              </p>
            )}
          </div>
          {conversation && <ConversationActions conversation={conversation} myId={me.agent.id} />}
        </header>
        <MessageList
          messages={thread.messages}
          outgoing={thread.outgoing}
          visitorName={name}
          myName={me.agent.name}
          onDismiss={thread.dismiss}
          visitorReadSeq={thread.visitorReadSeq}
          visitorId={visitorId}
          agentFaces={faces}
          myId={me.agent.id}
          onEdit={editing.start}
        />
        {/* C4: what the visitor is typing, before they send it (never stored). */}
        <p className="typing-preview" role="status">
          {thread.visitorTyping.trim() && (
            <>
              <span className="typing-preview-label">{t.typing(name)}</span> <span className="typing-preview-text">{thread.visitorTyping}</span>
            </>
          )}
        </p>
        {files.status && (
          <p className="upload-status" role="status">
            {files.status}
          </p>
        )}
        {/* C5: the edit box takes the composer's place; the composer keeps its draft meanwhile. */}
        {editing.editing && <MessageEditor key={editing.editing.id} message={editing.editing} onSave={editing.save} onCancel={editing.cancel} />}
        <ComposerSlot editing={editing}>
          <Composer onSend={thread.send} onTyping={thread.typing} tools={<AttachButton onFiles={(f) => void files.send(f)} />} onFiles={(f) => void files.send(f)} />
        </ComposerSlot>
      </section>
      <VisitorPanel visitor={visitor} conversationId={conversationId} />
    </>
  );
}

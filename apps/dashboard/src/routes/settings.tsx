// The agent's own settings: profile (A1), working hours (A5), notifications (A6) and email (I1) for everyone; account options (A4) for the owner
// and admins (the server answers 403 to agents anyway).
import { canManageSettings, useSession } from '../features/auth/session';
import { WorkingHoursForm } from '../features/agents/working-hours-form';
import { AccountOptionsForm } from '../features/account/account-options-form';
import { RetentionForm } from '../features/account/retention-form';
import { SeatsForm } from '../features/account/seats-form';
import { ProfileForm } from '../features/agents/profile-form';
import { NotificationSettingsForm } from '../features/notifications/notification-settings-form';
import { EmailSettingsForm } from '../features/account/email-settings-form';
import '../features/widget/chat-widget.css';
import { messages } from '../features/i18n/messages';

export function SettingsScreen() {
  const { me } = useSession();
  return (
    <div className="page">
      <header className="page-header">
        <h1>{messages.settings.title}</h1>
      </header>
      <ProfileForm />
      <WorkingHoursForm />
      <NotificationSettingsForm />
      <EmailSettingsForm manager={canManageSettings(me)} />
      {canManageSettings(me) && <AccountOptionsForm />}
      {canManageSettings(me) && <RetentionForm />}
      {canManageSettings(me) && <SeatsForm />}
    </div>
  );
}

// The words of the emails Palique sends, in the visitor's language when it has them (English and
// Spanish, as the widget), and in English for the team.
export interface EmailTexts {
  visitorSubject: (site: string) => string;
  visitorIntro: (site: string) => string;
  continueOnSite: string;
  visitorFooter: (site: string) => string;
  unsubscribe: string;
  attachmentsRefused: (leftOut: string[]) => string;
  attachmentsRefusedSubject: string;
}

const en: EmailTexts = {
  visitorSubject: (site) => `Your conversation with ${site}`,
  visitorIntro: (site) => `${site} replied to you. Answer this email to reply.`,
  continueOnSite: 'Continue the conversation on the site',
  visitorFooter: (site) => `You get this email because you left your address in the chat of ${site}.`,
  unsubscribe: 'Unsubscribe',
  attachmentsRefused: (leftOut) =>
    `Your message was added to the conversation, but these files were left out (a file is added when it is at most 10 MB, an image must open, and at most 5 files per email): ${leftOut.join(', ')}. You can send them from the chat on the site.`,
  attachmentsRefusedSubject: 'Some files of your email were not added',
};

const es: EmailTexts = {
  visitorSubject: (site) => `Tu conversación con ${site}`,
  visitorIntro: (site) => `${site} te ha respondido. Responde a este correo para contestar.`,
  continueOnSite: 'Continuar la conversación en el sitio',
  visitorFooter: (site) => `Recibes este correo porque dejaste tu dirección en el chat de ${site}.`,
  unsubscribe: 'Darse de baja',
  attachmentsRefused: (leftOut) =>
    `Tu mensaje se añadió a la conversación, pero estos archivos no (se añade un archivo de 10 MB como máximo, una imagen que se pueda abrir, y hasta 5 archivos por correo): ${leftOut.join(', ')}. Puedes enviarlos desde el chat del sitio.`,
  attachmentsRefusedSubject: 'No se añadieron algunos archivos de tu correo',
};

/** The texts for a browser language such as `es-ES` (English when we have none of it). */
export function emailTexts(language: string | null | undefined): EmailTexts {
  return language?.toLowerCase().startsWith('es') ? es : en;
}

/** The team's emails (agents, the team mailbox). */
export const teamTexts = {
  agentSubject: (visitor: string, site: string) => `Chat with ${visitor} (${site})`,
  agentIntro: (visitor: string) => `${visitor} wrote while you were offline. Answer this email to reply in the chat.`,
  transcriptSubject: (visitor: string, site: string) => `Transcript: chat with ${visitor} (${site})`,
  transcriptIntro: (visitor: string) => `The conversation with ${visitor} was closed. Here is the transcript.`,
  missedSubject: (visitor: string, site: string) => `Missed chat: ${visitor} (${site})`,
  missedIntro: (visitor: string) => `Nobody answered ${visitor} yet.`,
  openInDashboard: 'Open in Palique',
  teamFooter: (site: string) => `Sent by Palique for ${site}. Change what you receive in Settings → Email.`,
};

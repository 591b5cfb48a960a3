// W3: the widget's texts in Spanish (entry `@palique/protocol/widget-texts`). A language is one
// file like this one, typed against the English keys so none can be missing, plus its line in
// languages.ts and index.ts.
import type { WidgetTexts } from './en';

export const es: WidgetTexts = {
  title: 'Chatea con nosotros',
  statusLive: 'Estamos en línea',
  statusMessenger: 'Te responderemos lo antes posible',
  statusConnecting: 'Conectando…',
  greetingLive: '¡Hola! Pregúntanos lo que quieras, solemos responder en pocos minutos.',
  greetingMessenger: 'Déjanos un mensaje y te responderemos aquí.',
  teamName: 'Equipo',
  you: 'Tú',
  minimize: 'Minimizar el chat',
  conversation: 'Conversación',
  messageLabel: 'Mensaje',
  messagePlaceholder: 'Escribe un mensaje…',
  composerHint: 'Intro para enviar, Mayús+Intro para una línea nueva',
  send: 'Enviar',
  sending: 'Enviando…',
  sent: 'Enviado',
  notSent: 'No enviado',
  retry: 'Reintentar',
  offline: 'Conectando… Tus mensajes se enviarán cuando vuelva la conexión.',
  missingWidget: 'Este chat no está bien configurado (falta el id del widget).',
  errorRateLimited: 'Demasiados mensajes a la vez. Espera un momento y reinténtalo.',
  errorInvalidInput: 'Este mensaje no se puede enviar tal como está.',
  teamLabel: 'Nuestro equipo',
  teamOnline: 'En línea',
  teamActiveAgo: 'Activo hace {time}',
  teamActiveNow: 'Activo ahora mismo',
  timeMinutes: '{n} min',
  timeHours: '{n} h',
  timeDays: '{n} d',
  agentTyping: '{name} está escribiendo…',
  edited: 'editado',
  seen: 'Visto',
};

// T2: the guide's four ready-made triggers. The owner enters the page's URL (a full URL or a path
// such as /cart) and edits the text; everything else is set to what the guide recommends: a
// wait on the page before reaching out, once per visit, in both modes, with an offline-friendly
// text ("We'll get back to you soon"). "Duplicate" copies one for another page.
import type { TriggerDefinition, TriggerTemplate } from './triggers';

interface TemplateShape {
  /** How the URL is compared with the page: the home page exactly, the others as a prefix. */
  op: 'equals' | 'starts_with';
  /** Seconds on the page before the message. */
  seconds: number;
  texts: { en: string; es: string };
}

export const TRIGGER_TEMPLATES: Record<TriggerTemplate, TemplateShape> = {
  landing_page: {
    op: 'equals',
    seconds: 40,
    texts: {
      en: 'Hi! Looking for something in particular? Tell us what you need and we will point you to the right page.',
      es: '¡Hola! ¿Buscas algo en particular? Cuéntanos qué necesitas y te indicamos la página adecuada.',
    },
  },
  confusing_page: {
    op: 'starts_with',
    seconds: 60,
    texts: {
      en: 'Hi! This page can be a bit much. Can we help you with anything? If we are away, we will get back to you soon.',
      es: '¡Hola! Esta página puede resultar algo complicada. ¿Te ayudamos? Si no estamos, te responderemos pronto.',
    },
  },
  contact_page: {
    op: 'starts_with',
    seconds: 10,
    texts: {
      en: 'Hi! No need to wait for an email: write to us right here. If we are away, we will get back to you soon.',
      es: '¡Hola! No hace falta esperar un correo: escríbenos aquí mismo. Si no estamos, te responderemos pronto.',
    },
  },
  cart_page: {
    op: 'starts_with',
    seconds: 30,
    texts: {
      en: 'Hi! Any questions about your order? We are happy to help you finish it.',
      es: '¡Hola! ¿Alguna duda sobre tu pedido? Te ayudamos a terminarlo.',
    },
  },
};

/** A template as a trigger for one page, in the owner's language (English unless `es`). */
export function triggerFromTemplate(template: TriggerTemplate, url: string, name: string, language: string = 'en'): TriggerDefinition {
  const shape = TRIGGER_TEMPLATES[template];
  return {
    name,
    enabled: true,
    conditions: [
      { type: 'page_url', op: shape.op, value: url },
      { type: 'time_on_page', seconds: shape.seconds },
    ],
    action: { type: 'send_message', text: language.startsWith('es') ? shape.texts.es : shape.texts.en, from: { type: 'team' } },
    frequency: 'once_per_visit',
    mode: 'both',
    template,
  };
}

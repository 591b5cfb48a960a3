// The part of html-to-text (a dependency of mailparser; it ships no types) that quotes.ts uses.
declare module 'html-to-text' {
  export interface BlockTextBuilder {
    openBlock(options?: { leadingLineBreaks?: number }): void;
    closeBlock(options?: { trailingLineBreaks?: number }): void;
    addLiteral(text: string): void;
  }
  export type FormatCallback = (elem: unknown, walk: unknown, builder: BlockTextBuilder, formatOptions: object) => void;
  export interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }
  export interface HtmlToTextOptions {
    wordwrap?: number | false;
    whitespaceCharacters?: string;
    formatters?: Record<string, FormatCallback>;
    selectors?: SelectorDefinition[];
  }
  export function compile(options?: HtmlToTextOptions): (html: string) => string;
  export function convert(html: string, options?: HtmlToTextOptions): string;
}

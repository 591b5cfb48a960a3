import { type Browser, type BrowserContext, type Page } from 'playwright-core';
export declare const CHROMIUM_ARGS: string[];
export declare function launchBrowser(): Promise<Browser>;
/**
 * A page that records anything a hostile message could make happen: dialogs (alert) and
 * uncaught errors. `window.__pwned` is checked by the tests in every frame.
 */
export declare function watchedPage(context: BrowserContext): Promise<{
    page: Page;
    dialogs: string[];
    errors: string[];
}>;
/** True when any frame of the page has window.__pwned set. */
export declare function anyFramePwned(page: Page): Promise<boolean>;

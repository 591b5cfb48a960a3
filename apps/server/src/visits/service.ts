// C3: page views → what the agents see about a visitor's browsing. The widget reports the page;
// the server adds the time (its own clock), device / OS / browser (User-Agent) and location
// (address, local database), counts visits (a new one after VISIT_IDLE_MS without a page view)
// and keeps this visit's path, capped at MAX_VISIT_PAGES.
import { MAX_VISIT_PAGES, VISIT_IDLE_MS, type PageView, type VisitorDetails, type VisitedPage } from '@palique/protocol';
import type { Storage } from '../db/index';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import * as repo from './repo';
import { locate } from './geo';
import { parseUserAgent } from './user-agent';

/** What the request says about the browser, beyond what the widget sent. */
export interface Requester {
  ip: string | undefined;
  userAgent: string | undefined;
}

export class VisitService {
  constructor(
    private readonly storage: Storage,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async details(accountId: string, visitorId: string): Promise<VisitorDetails | null> {
    const row = await repo.findDetails(this.storage.db, accountId, visitorId);
    return row ? repo.toDetails(row) : null;
  }

  /** Records a page view (already validated) of a visitor of the account; returns the details as they now stand. */
  async recordPageView(accountId: string, visitorId: string, view: PageView, from: Requester): Promise<VisitorDetails> {
    const [place, device] = [await locate(from.ip), parseUserAgent(from.userAgent)];
    const details = await this.storage.write(async (trx) => {
      const at = this.clock.now();
      const stamp = at.toISOString();
      const before = await repo.findDetails(trx, accountId, visitorId);
      const newVisit = !before || at.getTime() - new Date(before.last_seen_at).getTime() > VISIT_IDLE_MS;
      const page: VisitedPage = { url: view.url, title: view.title ?? '', at: stamp };
      let pages: VisitedPage[] = newVisit ? [] : (JSON.parse(before!.pages) as VisitedPage[]);
      // The same URL again (a replaceState, a reload) is the same page: only its title may change.
      const samePage = !newVisit && before!.current_url === view.url;
      if (samePage && pages.length > 0) pages[pages.length - 1] = { ...pages[pages.length - 1]!, title: page.title };
      else pages = [...pages, page].slice(-MAX_VISIT_PAGES);
      const row: repo.DetailsRow = {
        visitor_id: visitorId,
        account_id: accountId,
        current_url: view.url,
        current_title: page.title,
        pages: JSON.stringify(pages),
        // Where this visit came from: the referrer the first page of the visit reported.
        referrer: newVisit ? view.referrer || null : before!.referrer,
        visits: newVisit ? Number(before?.visits ?? 0) + 1 : Number(before!.visits),
        visit_started_at: newVisit ? stamp : before!.visit_started_at,
        page_started_at: samePage ? before!.page_started_at : stamp,
        last_seen_at: stamp,
        language: view.language || before?.language || null,
        time_zone: view.timeZone || before?.time_zone || null,
        utc_offset_minutes: view.utcOffsetMinutes ?? before?.utc_offset_minutes ?? null,
        screen: view.screen || before?.screen || null,
        device: device.device,
        os: device.os,
        browser: device.browser,
        country: place.country,
        city: place.city,
      };
      await repo.saveDetails(trx, row);
      return repo.toDetails(row);
    });
    this.events.emit('visitor.details_changed', { accountId, details });
    return details;
  }
}

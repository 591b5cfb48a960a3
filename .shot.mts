// Dev-only: a workspace with a few chats, screenshotted.
import { startServerProcess } from '@palique/server/testing';
import { launchBrowser } from './e2e/support/browser';
import { agentSends, createOwnerAccount, openWidget, visitorSends } from './e2e/support/ui';
const out = process.argv[2] ?? '/work/looks-shot.png';
const server = await startServerProcess({ name: 'shot', publicHost: 'localhost' });
const browser = await launchBrowser();
try {
  const dash = await (await browser.newContext({ viewport: { width: 1440, height: 860 } })).newPage();
  await createOwnerAccount(dash, server.url);
  const texts = ['Hi! Do you ship to Portugal?', 'Hello, my order **A-1001** has not arrived yet, can you check _please_?', 'Is there a discount for students? https://example.com/pricing'];
  const widgets = [];
  for (const [i, t] of texts.entries()) {
    const demo = await (await browser.newContext()).newPage();
    await demo.goto(`${server.directUrl}/demo/`);
    const w = await openWidget(demo);
    if (i === 1) await demo.evaluate(() => (window as any).Palique('setVisitor', { name: 'Marta Silva', email: 'marta@example.com' }));
    await visitorSends(w, t);
    await w.getByText(t.slice(0, 10)).first().waitFor();
    widgets.push(w);
  }
  await dash.getByText('my order').first().click();
  await agentSends(dash, 'Hi Marta! Let me look that up for you.');
  await agentSends(dash, 'One moment 🙂');
  await widgets[1].getByText('One moment').waitFor();
  await visitorSends(widgets[1], 'Thanks!');
  await visitorSends(widgets[1], 'It was order A-1001, placed on Monday.');
  await dash.getByText('placed on Monday').first().waitFor();
  await dash.waitForTimeout(500);
  await dash.screenshot({ path: out });
  if (process.argv[3]) {
    await dash.setViewportSize({ width: 420, height: 800 });
    await dash.goto(server.url + '/conversations');
    await dash.waitForTimeout(800);
    await dash.screenshot({ path: process.argv[3] });
  }
} finally {
  await browser.close();
  await server.close();
}

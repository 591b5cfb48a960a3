// The two UIs as a user sees them: the dashboard (agent) and the widget on the demo page (visitor).
import { expect } from './expect';
import type { FrameLocator, Page } from 'playwright-core';

export const OWNER = { name: 'Helena Prado', email: 'helena@example.com', password: 'a long enough password', siteName: 'Demo shop' };

export async function createOwnerAccount(page: Page, dashboardUrl: string): Promise<void> {
  await page.goto(dashboardUrl + '/');
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByLabel('Site name').fill(OWNER.siteName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(() => page.getByRole('button', { name: 'Sign out' }).isVisible());
}

export async function signIn(page: Page, dashboardUrl: string): Promise<void> {
  await page.goto(dashboardUrl + '/');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(() => page.getByRole('button', { name: 'Sign out' }).isVisible());
}

export const widgetFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Palique chat"]');

export async function openWidget(page: Page): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const frame = widgetFrame(page);
  await frame.getByLabel('Message').waitFor();
  return frame;
}

export async function visitorSends(frame: FrameLocator, text: string): Promise<void> {
  await frame.getByLabel('Message').fill(text);
  await frame.getByRole('button', { name: 'Send' }).click();
}

export async function agentSends(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

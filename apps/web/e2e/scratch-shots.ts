import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FirebreakClient } from '@firebreak/sdk';
import { testDirectory } from './directory';
import { signIn, startWarRoom } from './harness';

const receiver = createServer((q, r) => {
  q.resume();
  q.on('end', () => r.writeHead(410).end());
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const { port } = receiver.address() as AddressInfo;
const room = await startWarRoom({
  channels: { webhook: { url: `http://127.0.0.1:${port}/x`, secret: `whsec_${randomBytes(32).toString('base64')}` } },
});
const api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
await api.applySystems([], undefined, testDirectory());
const incident = await api.declareIncident({
  title: 'Copilot answers in the wrong customer’s name',
  type: 'privacy_leak',
  severity: 'SEV2',
  systems: ['support-copilot'],
});
console.log(JSON.stringify(await api.previewNotifications(incident.id), null, 1).slice(0, 3000));
for (let i = 0; i < 1; i++) {
  await new Promise((r) => setTimeout(r, 2000));
  console.log(
    JSON.stringify(
      (await api.incidentNotifications(incident.id)).notifications.map((n) => [
        n.id,
        n.kind,
        n.recipient,
        n.status,
        n.attempts,
        n.lastError,
      ]),
    ),
  );
}
const { page } = await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
await signIn(page, room.adminToken);
await page.goto(`/incidents/${incident.id}`);
await page.waitForTimeout(3000);
console.log(
  await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > 391)
      .slice(0, 15)
      .map(
        (e) =>
          `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)} ${(e.textContent ?? '').slice(0, 60)}`,
      ),
  ),
);
await page.screenshot({ path: '/tmp/shots/phone-incident.png', fullPage: true });
await room.close();
receiver.close();

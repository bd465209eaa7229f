import type { Browser, Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { fundedClient, onlineAdvisor, openAdvisorProfile, seconds, threeContexts } from "../fixtures/sessions";

/**
 * Presence runs on the real clock with the default settings (there is no
 * settings mutation to shorten them): a side silent for 15 s pauses billing,
 * and a side back within the 60 s grace resumes it. The waits below are for
 * those visible states, not for time.
 */
const PRESENCE_WAIT = { timeout: 45_000 };
const CONNECT_WAIT = { timeout: 20_000 };

async function expectConnected(page: Page) {
  await expect(page.getByTestId("call-status")).toHaveAttribute("data-status", "connected", CONNECT_WAIT);
  await expect(page.getByTestId("call-status")).toHaveText("Connected");
}

/** The other side's picture is really playing: a live video track, frames decoded, time moving. */
async function expectRemoteVideoPlaying(page: Page) {
  await expect
    .poll(
      () =>
        page.getByTestId("remote-video").evaluate((video: HTMLVideoElement) => {
          const stream = video.srcObject instanceof MediaStream ? video.srcObject : null;
          return {
            videoTrack: stream?.getVideoTracks()[0]?.readyState ?? "none",
            audioTrack: stream?.getAudioTracks()[0]?.readyState ?? "none",
            hasFrames: video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0,
            playing: !video.paused && video.currentTime > 0,
          };
        }),
      CONNECT_WAIT,
    )
    .toEqual({ videoTrack: "live", audioTrack: "live", hasFrames: true, playing: true });
}

function remoteVideoTrackId(page: Page): Promise<string | null> {
  return page.getByTestId("remote-video").evaluate((video: HTMLVideoElement) => {
    const stream = video.srcObject instanceof MediaStream ? video.srcObject : null;
    return stream?.getVideoTracks()[0]?.id ?? null;
  });
}

async function expectSessionStatus(page: Page, status: string, reason = "") {
  const banner = page.getByTestId("session-status");
  await expect(banner).toHaveAttribute("data-status", status, PRESENCE_WAIT);
  await expect(banner).toHaveAttribute("data-reason", reason);
}

async function billedSeconds(page: Page): Promise<number> {
  return seconds(await page.getByTestId("timer-billed").innerText());
}

/** An advisor at $1.00/min online, a client with $25.00 who asks for a video session, and the advisor accepting it: both in the room. */
async function videoRequestAccepted(browser: Browser) {
  const contexts = await threeContexts(browser);
  const { admin, advisor, client } = contexts;
  const advisorAccount = await onlineAdvisor(admin, advisor, "1.00");
  const clientAccount = await fundedClient(client, "$25.00");
  await openAdvisorProfile(client, advisorAccount.name);
  await client.getByRole("button", { name: "Start video" }).click();
  await expect(client).toHaveURL(/\/session\/[^/]+$/);
  await advisor.getByRole("button", { name: `Accept video request from ${clientAccount.name}` }).click();
  await expect(advisor).toHaveURL(client.url());
  return { ...contexts, advisorAccount, clientAccount };
}

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** Screenshots of the video room at desktop and phone widths into $SESSION_SHOTS (e.g. /tmp/shots), if set. */
async function videoShots(page: Page, name: string) {
  const dir = process.env.SESSION_SHOTS;
  if (!dir) return;
  const original = page.viewportSize();
  for (const [device, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${dir}/video-${name}-${device}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

test("a video call connects both sides with camera and microphone, survives the client dropping out (billing resumes) and the advisor reloading", async ({ browser }) => {
  test.setTimeout(180_000);
  const { advisor, client, advisorAccount, clientAccount, close } = await videoRequestAccepted(browser);
  try {
    const roomUrl = client.url();

    // Both sides connect and each plays the other's camera and microphone.
    for (const page of [client, advisor]) {
      await expect(page.getByRole("region", { name: "Video call" })).toBeVisible();
      await expectConnected(page);
      await expectRemoteVideoPlaying(page);
    }
    await expect(client.getByTestId("remote-video").locator("..")).toContainText(advisorAccount.name);
    await expect(advisor.getByTestId("remote-video").locator("..")).toContainText(clientAccount.name);
    await expectSessionStatus(client, "active");
    await expect.poll(() => billedSeconds(advisor)).toBeGreaterThan(0);

    // Camera and microphone switches: pressed means on; off stops sending that track.
    const camera = client.getByRole("button", { name: "Camera", exact: true });
    const microphone = client.getByRole("button", { name: "Microphone", exact: true });
    await expect(camera).toHaveAttribute("aria-pressed", "true");
    await camera.click();
    await expect(camera).toHaveAttribute("aria-pressed", "false");
    await expect(client.getByTestId("local-video").locator("..")).toContainText("Camera off");
    await microphone.click();
    await expect(microphone).toHaveAttribute("aria-pressed", "false");
    const sending = () =>
      client.getByTestId("local-video").evaluate((video: HTMLVideoElement) => {
        const stream = video.srcObject as MediaStream;
        return { video: stream.getVideoTracks()[0].enabled, audio: stream.getAudioTracks()[0].enabled };
      });
    await expect.poll(sending).toEqual({ video: false, audio: false });
    await camera.click();
    await microphone.click();
    await expect.poll(sending).toEqual({ video: true, audio: true });
    await videoShots(client, "connected");

    // The client's tab closes: the advisor sees it reconnecting, then billing pauses as disconnected.
    await client.close();
    await expect(advisor.getByTestId("call-status")).toHaveAttribute("data-status", "reconnecting", CONNECT_WAIT);
    await expectSessionStatus(advisor, "paused", "disconnected");
    await expect(advisor.getByTestId("remote-video").locator("..")).toContainText("Billing paused: disconnected");
    const billedAtPause = await billedSeconds(advisor);
    await videoShots(advisor, "reconnecting");

    // The client comes back within the grace period: billing resumes by itself and the call reconnects.
    const returned = await client.context().newPage();
    await returned.goto(roomUrl);
    for (const page of [returned, advisor]) {
      await expectSessionStatus(page, "active");
      await expectConnected(page);
      await expectRemoteVideoPlaying(page);
    }
    await expect.poll(() => billedSeconds(advisor), PRESENCE_WAIT).toBeGreaterThan(billedAtPause);
    await expect.poll(() => billedSeconds(returned)).toBeGreaterThan(billedAtPause);
    await videoShots(advisor, "advisor-connected");

    // The advisor's page reloads (it makes the offers): the client gets a new call from the new page.
    const trackBefore = await remoteVideoTrackId(returned);
    await advisor.reload();
    await expect.poll(async () => [null, trackBefore].includes(await remoteVideoTrackId(returned)), CONNECT_WAIT).toBe(false);
    for (const page of [advisor, returned]) {
      await expectConnected(page);
      await expectRemoteVideoPlaying(page);
    }
    await expectSessionStatus(advisor, "active");
  } finally {
    await close();
  }
});

test("when the client leaves a video call for good, the advisor cannot resume billing and the session ends at the grace, billed to the client's last heartbeat", async ({ browser }) => {
  test.setTimeout(180_000);
  const { advisor, client, close } = await videoRequestAccepted(browser);
  try {
    for (const page of [client, advisor]) await expectConnected(page);
    await expect.poll(() => billedSeconds(advisor)).toBeGreaterThan(0);

    await client.close();
    await expectSessionStatus(advisor, "paused", "disconnected");
    const billedAtPause = await billedSeconds(advisor);
    await expect(advisor.getByRole("button", { name: "Resume" })).toHaveCount(0);
    await expect(advisor.getByRole("button", { name: "Pause" })).toHaveCount(0);
    await expect(advisor.getByTestId("resume-hint")).toHaveText("Billing resumes by itself when both of you are connected again.");
    await expect(advisor.getByTestId("session-ends-in")).toContainText("unless you are both connected");
    await videoShots(advisor, "client-gone");

    // The grace (60 s) runs from the client's last heartbeat, about 45 s after the pause showed.
    await expect(advisor.getByTestId("session-status")).toHaveAttribute("data-status", "ended", { timeout: 75_000 });
    await expect(advisor.getByTestId("session-status")).toHaveAttribute("data-reason", "disconnected");
    await expect(advisor.getByTestId("session-status")).toContainText("a participant did not reconnect in time");
    expect(await billedSeconds(advisor)).toBe(billedAtPause);
    await videoShots(advisor, "ended-at-grace");
  } finally {
    await close();
  }
});

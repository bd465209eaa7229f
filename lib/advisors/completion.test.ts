import { describe, expect, it } from "vitest";
import { DEFAULT_HEADLINE, profileCompletion } from "./completion";

describe("profileCompletion", () => {
  it("scores a fresh profile low and says what is missing", () => {
    expect(profileCompletion({ headline: DEFAULT_HEADLINE, bio: "", specialties: ["General advice"], languages: [], hasPhoto: false })).toEqual({
      score: 0,
      missing: ["a headline of your own", "a bio of at least 80 characters", "at least two specialties", "the languages you advise in", "a photo"],
    });
  });

  it("counts each part done, up to 100", () => {
    const full = { headline: "Tax help", bio: "x".repeat(80), specialties: ["Tax", "Law"], languages: ["English"], hasPhoto: true };
    expect(profileCompletion(full)).toEqual({ score: 100, missing: [] });
    expect(profileCompletion({ ...full, bio: "x".repeat(79) })).toEqual({ score: 80, missing: ["a bio of at least 80 characters"] });
  });
});

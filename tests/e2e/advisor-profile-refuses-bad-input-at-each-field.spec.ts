import { DEMO } from "../fixtures/accounts";
import { signInAs } from "../fixtures/auth";
import { screenshots } from "../fixtures/sessions";
import { expect, test } from "../fixtures/test";

test("an advisor's profile counts as they type and refuses each bad value at its own field, saving nothing and cutting nothing", async ({ page }) => {
  await signInAs(page, DEMO.advisor, "advisor");
  await page.goto("/advisor/profile");
  const headline = page.getByLabel("Headline");
  // By role: the card preview beside the form has a list labelled "Specialties" too.
  const specialties = page.getByRole("group", { name: "Specialties" });
  const box = (name: string) => specialties.getByRole("checkbox", { name, exact: true });
  const chat = page.getByLabel("Chat price per minute (USD)");
  const video = page.getByLabel("Video price per minute (USD)");
  const save = page.getByRole("button", { name: "Save profile" });
  const original = await headline.inputValue();

  // 200 characters: counted as typed, kept whole in the field, refused at the field with the focus on it.
  await headline.fill("h".repeat(200));
  await expect(page.getByTestId("field-counter").first()).toHaveText("200 / 120");
  await save.click();
  await expect(headline).toHaveAttribute("aria-invalid", "true");
  await expect(headline).toHaveAccessibleDescription(/The headline has 200 characters; the limit is 120\./);
  await expect(headline).toBeFocused();
  await expect(headline).toHaveValue("h".repeat(200));
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  await screenshots(page, "profile-field-errors");
  await headline.fill(original);

  // Specialties are the admins' list, as on the application: Maya has three of them ticked.
  const own = ["Career coaching", "Leadership", "Interviews"];
  for (const name of own) await expect(box(name)).toBeChecked();
  await expect(box("Immigration")).not.toBeChecked();
  for (const name of ["Tax", "Software", "Design"]) await box(name).check();
  await save.click();
  await expect(specialties).toHaveAttribute("aria-invalid", "true");
  await expect(specialties).toHaveAccessibleDescription(/Choose at most 5 specialties; there are 6\./);
  await expect(specialties.getByRole("checkbox").first()).toBeFocused();
  await screenshots(page, "profile-specialties-error");
  for (const name of ["Tax", "Software", "Design", ...own]) await box(name).uncheck();
  await save.click();
  await expect(specialties).toHaveAccessibleDescription(/Choose at least one specialty\./);
  for (const name of own) await box(name).check();
  await expect(headline).not.toHaveAttribute("aria-invalid");

  // Out-of-range prices are refused by the server, which names the field: shown there, not as a form alert.
  await chat.fill("0.05");
  await save.click();
  await expect(chat).toHaveAccessibleDescription(/The chat price per minute must be from \$0\.10 to \$100\.00, in whole cents\./);
  await expect(chat).toBeFocused();
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  await chat.fill("1.50");
  await video.fill("100.01");
  await save.click();
  await expect(video).toHaveAccessibleDescription(/The video price per minute must be from \$0\.10 to \$100\.00, in whole cents\./);
  await expect(chat).not.toHaveAttribute("aria-invalid");

  // Nothing was saved.
  await page.reload();
  await expect(headline).toHaveValue(original);
  await expect(video).toHaveValue("2.50");
  for (const name of own) await expect(box(name)).toBeChecked();
  await expect(box("Tax")).not.toBeChecked();
});

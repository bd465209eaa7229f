"use server";

import { fetchMutation, fetchQuery } from "convex/nextjs";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { api } from "@/convex/_generated/api";
import { HOME_BY_ROLE } from "@/components/shell/nav";
import { LOCAL_SIGN_IN_COOKIE, SIGN_IN_MAX_AGE_SECONDS, localSubjectFor, signAccessToken, signSignInToken } from "@/lib/auth/localTokens";
import { config } from "@/lib/config";
import { convexOptions, localAuthSettings } from "../_auth/viewer";
import { safeNextPath } from "@/lib/auth/safeNext";

const localAccount = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
  email: z.email("Enter a valid email address.").trim().toLowerCase(),
});

export type SignInState = { errors?: { name?: string; email?: string; form?: string }; values?: { name: string; email: string } };

export async function signInLocal(_previous: SignInState, form: FormData): Promise<SignInState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const settings = localAuthSettings();
  if (settings === null) return { values, errors: { form: "Local sign-in is not enabled here." } };

  const parsed = localAccount.safeParse(values);
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return { values, errors: { name: fields.name?.[0], email: fields.email?.[0] } };
  }
  const profile = { subject: localSubjectFor(parsed.data.email), ...parsed.data };
  const options = convexOptions(await signAccessToken(settings, profile));
  let role: keyof typeof HOME_BY_ROLE;
  try {
    await fetchMutation(api.users.store, {}, options);
    role = (await fetchQuery(api.users.current, {}, options))?.role ?? "client";
  } catch {
    return { values, errors: { form: "The backend did not accept the sign-in. Is it running?" } };
  }

  (await cookies()).set(LOCAL_SIGN_IN_COOKIE, await signSignInToken(settings, profile), {
    httpOnly: true,
    sameSite: "lax",
    secure: config.isProduction && config.appUrl.startsWith("https://"),
    path: "/",
    maxAge: SIGN_IN_MAX_AGE_SECONDS,
  });
  redirect(safeNextPath(form.get("next")) ?? HOME_BY_ROLE[role]);
}

export async function signOutLocal() {
  (await cookies()).delete(LOCAL_SIGN_IN_COOKIE);
  redirect("/");
}

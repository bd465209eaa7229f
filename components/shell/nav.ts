import type { Role } from "@/convex/validators";

export type NavItem = { href: string; label: string };

export const NAV_BY_ROLE: Record<Role | "visitor", NavItem[]> = {
  visitor: [{ href: "/advisors", label: "Advisors" }],
  client: [
    { href: "/advisors", label: "Advisors" },
    { href: "/favourites", label: "Favourites" },
    { href: "/wallet", label: "Wallet" },
    { href: "/sessions", label: "Sessions" },
    { href: "/bookings", label: "Bookings" },
  ],
  advisor: [
    { href: "/advisor", label: "Dashboard" },
    { href: "/advisor/sessions", label: "Sessions" },
    { href: "/advisor/bookings", label: "Bookings" },
    { href: "/advisor/availability", label: "Availability" },
    { href: "/advisor/profile", label: "Profile" },
    { href: "/advisor/earnings", label: "Earnings" },
  ],
  admin: [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/ledger", label: "Ledger" },
    { href: "/admin/withdrawals", label: "Withdrawals" },
    { href: "/admin/refunds", label: "Refunds" },
    { href: "/admin/applications", label: "Applications" },
    { href: "/admin/disputes", label: "Disputes" },
    { href: "/admin/settings", label: "Settings" },
    { href: "/admin/audit", label: "Audit log" },
  ],
};

/** Where each role lands after sign-in. */
export const HOME_BY_ROLE: Record<Role, string> = { client: "/advisors", advisor: "/advisor", admin: "/admin" };

export const ROLE_LABEL: Record<Role, string> = { client: "Client", advisor: "Advisor", admin: "Admin" };

/** The nav item for a path: exact match, or the longest prefix. */
export function activeHref(items: NavItem[], pathname: string): string | undefined {
  return items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

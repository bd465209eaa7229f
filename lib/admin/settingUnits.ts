/** The units and groups of the platform settings, and how a value reads (shared by the settings rules and the settings page). */
import { formatMoney } from "../money";

const MB = 1024 * 1024;

export const SETTING_UNITS = ["cents", "bps", "seconds", "minutes", "hours", "days", "count", "bytes", "characters", "cents_list", "extensions", "time_zone", "currency"] as const;
export type SettingUnit = (typeof SETTING_UNITS)[number];
export const SETTING_GROUPS = ["Fees and money", "Sessions", "Video", "Documents and ratings", "Earnings, disputes and credit", "Bookings", "Email", "Rate limits", "Platform"] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];
/** The file types session documents can be checked for from their bytes (lib/documents/fileType.ts). */
export const DOCUMENT_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "txt", "docx"] as const;
/** A number as the unit reads ("$5.00", "10.00%", "90 s"). */
export function formatSettingNumber(n: number, unit: SettingUnit, currency: string): string {
  switch (unit) {
    case "cents":
    case "cents_list":
      return formatMoney(n, currency);
    case "bps":
      return `${(n / 100).toFixed(2)}%`;
    case "seconds":
      return `${n} s`;
    case "minutes":
      return `${n} min`;
    case "hours":
      return `${n} h`;
    case "days":
      return `${n} days`;
    case "bytes":
      return n % MB === 0 ? `${n / MB} MB` : `${n} bytes`;
    case "characters":
      return `${n} characters`;
    default:
      return String(n);
  }
}


import { adminDashboardSuite } from "./adminDashboard";
import { billingSuite } from "./billing";
import { clockSuite } from "./clock";
import { discoverySuite } from "./discovery";
import { earningsSuite } from "./earnings";
import { emailOutboxSuite } from "./emailOutbox";
import { engineSuite } from "./engine";
import { searchSuite } from "./search";
import { remindersSuite } from "./reminders";
import { slotsSuite } from "./slots";
import type { Suite } from "./harness";

/** Run in this order; each suite's deadline leaves the later suites their budgets. */
export const suites: readonly Suite[] = [billingSuite, clockSuite, engineSuite, searchSuite, earningsSuite, adminDashboardSuite, discoverySuite, emailOutboxSuite, slotsSuite, remindersSuite];

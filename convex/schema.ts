import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { ledgerTables } from "./model/ledgerSchema";
import { vRole } from "./validators";

export default defineSchema({
  users: defineTable({
    tokenIdentifier: v.string(),
    name: v.string(),
    email: v.string(),
    role: vRole,
  })
    .index("by_tokenIdentifier", ["tokenIdentifier"])
    .index("by_email", ["email"])
    .index("by_role", ["role"]),

  auditLog: defineTable({
    actorId: v.id("users"),
    action: v.string(),
    targetType: v.string(),
    targetId: v.string(),
    before: v.optional(v.any()),
    after: v.optional(v.any()),
    reason: v.optional(v.string()),
    at: v.number(),
  })
    .index("by_at", ["at"])
    .index("by_targetId", ["targetId"]),

  ...ledgerTables,
});

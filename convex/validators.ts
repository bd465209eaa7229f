import { v, type Infer } from "convex/values";

export const vRole = v.union(v.literal("client"), v.literal("advisor"), v.literal("admin"));
export type Role = Infer<typeof vRole>;

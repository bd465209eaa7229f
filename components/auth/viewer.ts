"use client";

import { useQuery } from "convex/react";
import { createContext, useContext } from "react";
import { api } from "@/convex/_generated/api";
import type { FunctionReturnType } from "convex/server";

export type Viewer = FunctionReturnType<typeof api.users.current>;

/** The user as the server saw it for this page load; the live query takes over once it answers. */
export const InitialViewer = createContext<Viewer>(null);

/** The signed-in user, live: role changes made by an admin show up without a reload. */
export function useViewer(): Viewer {
  const initial = useContext(InitialViewer);
  const live = useQuery(api.users.current);
  return live === undefined ? initial : live;
}

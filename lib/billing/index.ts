export * from "./charge";
export * from "./clock";
export * from "./warnings";
export * from "./advance";

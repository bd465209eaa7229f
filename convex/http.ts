import { httpRouter } from "convex/server";
import { WEBHOOK_PATH } from "./model/payments";
import { stripeWebhook } from "./payments";

const http = httpRouter();

http.route({ path: WEBHOOK_PATH, method: "POST", handler: stripeWebhook });

export default http;

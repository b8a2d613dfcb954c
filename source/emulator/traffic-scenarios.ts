/**
 * The mix of invocations, by weight: mostly quiet page views, then renders, images and API calls,
 * with errors, background work and odd shapes among them. The order of the rows is part of the
 * seeded sequence (the weighted pick walks them in order), so a new kind goes at the end.
 */
import { apiRouteCall } from "./api-routes.js";
import { backgroundJob } from "./background-jobs.js";
import { imageOptimizerHit } from "./image-hits.js";
import { loginProbe, missingProduct } from "./not-found.js";
import { abortedInvocation, headRequest, nonStringMessages } from "./odd-shapes.js";
import { checkoutQuery, localeRedirect, loggedPageView, productFetch, quietPageView } from "./page-views.js";
import { typeErrorPage, upstreamFailure } from "./server-errors.js";
import type { Scenario } from "./traffic-draft.js";

/** Each kind of invocation with its weight. */
export const scenarios: readonly (readonly [number, Scenario])[] = [
	[24, quietPageView],
	[10, loggedPageView],
	[5, productFetch],
	[10, imageOptimizerHit],
	[8, apiRouteCall],
	[5, missingProduct],
	[2, loginProbe],
	[4, typeErrorPage],
	[4, upstreamFailure],
	[5, backgroundJob],
	[3, checkoutQuery],
	[3, nonStringMessages],
	[2, localeRedirect],
	[1, abortedInvocation],
	[1, headRequest],
];

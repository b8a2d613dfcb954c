/**
 * The word tables generated traffic draws from: product slugs, categories, locales, names, error
 * messages and component names. Data only, kept apart so the scenarios read as shapes, not lists.
 * Non-ASCII entries are deliberate: real storefronts carry them, and the UI must cope.
 */

/** Product slugs, some in Japanese, French and emoji. */
export const products: readonly string[] = [
	"sample-product",
	"orbit-terrarium-large",
	"able-brewing-system",
	"chemex-coffeemaker-3-cup",
	"1-l-le-parfait-jar",
	"抹茶ラテ-セット",
	"保温杯-500ml",
	"café-crème-mug",
	"🌵-succulent-kit",
	"smith-journal-13",
	"dustpan-brush",
	"utility-caddy",
];

/** Category slugs. */
export const categories: readonly string[] = [
	"shop-all",
	"kitchen",
	"bath",
	"garden",
	"publications",
	"utility",
	"新着商品",
	"sale-🔥",
];

/** Locale prefixes, weighted towards English by repetition. */
export const locales: readonly string[] = ["en", "en", "en", "fr", "de", "ja"];

/** Product display names, for log messages and search terms. */
export const productNames: readonly string[] = [
	"Orbit Terrarium",
	"抹茶ラテ セット",
	"Café Crème Mug ☕",
	"保温杯 500ml",
	"Smith Journal 13",
	"🌵 Succulent Kit",
];

/** Messages of the TypeErrors a storefront throws. */
export const typeErrors: readonly string[] = [
	"Cannot read properties of undefined (reading 'price')",
	"Cannot read properties of null (reading 'edges')",
	"product.variants.map is not a function",
	"Failed to construct 'URL': Invalid URL",
];

/** React component names for stack frames. */
export const components: readonly string[] = [
	"ProductCard",
	"CartPage",
	"CheckoutButton",
	"Header",
	"Footer",
	"FacetedSearch",
	"PriceLabel",
];

/** API routes a storefront serves: method, path and the status each answers. */
export const apiRoutes: readonly (readonly [string, string, number])[] = [
	["POST", "/api/cart", 200],
	["POST", "/api/cart/items", 201],
	["DELETE", "/api/cart/items", 204],
	["GET", "/api/auth/session", 200],
	["POST", "/api/revalidate", 200],
	["GET", "/api/health", 200],
	["POST", "/api/wishlist", 401],
];

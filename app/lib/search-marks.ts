// Marks around matched text in a search snippet: the model puts them in, the page turns them
// into <mark>. Browser-safe, since the page renders there too (from a .server module they
// would be undefined in the browser, and the highlights would vanish on hydration).
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

// Stands in for the "server-only" package under vitest. That package throws unless it is
// resolved with the "react-server" export condition, which Next.js sets for server code (and
// `npm start` and the other scripts set with tsx --conditions=react-server). Tests import lib
// modules directly, outside any bundle, so they get this empty module instead (vitest.config.ts).
export {};

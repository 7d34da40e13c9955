// The one limits module for server code: the figures and checks (shared with the in-browser scenario editor, so they
// live in $lib/schemas/limits) and the render worker that enforces the time and output budgets.
export * from '../../schemas/limits';

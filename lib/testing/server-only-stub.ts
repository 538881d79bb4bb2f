// Intentionally empty: stands in for 'server-only' under Vitest (plain Node, no React Server bundle).

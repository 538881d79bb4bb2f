// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The demo fleet generator and catalog are server-only; keep them out of client bundles.
  serverExternalPackages: [],
};

module.exports = nextConfig;

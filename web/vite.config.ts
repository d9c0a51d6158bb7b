import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The UI is served by the driftwatch server from web/dist at `/`; `npm start` builds it when stale.
// In development, `npx vite` in web/ proxies the API to a server on :8080.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080", "/openapi.json": "http://127.0.0.1:8080" },
  },
});

# syntax=docker/dockerfile:1
# The assistant as a container: build with every dependency, run with production ones only, as the image's
# unprivileged `node` user. docs/production.md says how to run it, and what was and was not tried here.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary for this Node; these build it from source when none is published.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Files the running server reads besides its code: the pages, the weak-password list, content and training data.
COPY src/channels/rest/chat-page ./src/channels/rest/chat-page
COPY src/admin/console/page ./src/admin/console/page
COPY src/admin/weak-passwords.txt ./src/admin/weak-passwords.txt
COPY content ./content
COPY intents ./intents
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# glibc gives each thread that allocates its own malloc arena and keeps their pages: with the understanding's worker
# thread, two arenas keep the webhook peak within 250 MB (docs/performance.md, worker rounds 2 and 3). As `npm start`.
ENV MALLOC_ARENA_MAX=2
# Node is PID 1 and handles SIGTERM itself (src/main.ts): docker stop waits for the shutdown, give it time with
# `stop_grace_period` longer than SHUTDOWN_TIMEOUT_SECONDS. The heap options are `npm start`'s (docs/performance.md).
CMD ["node", "--max-semi-space-size=8", "--max-old-space-size=512", "--no-parallel-scavenge", "--expose-gc", "dist/main.js"]

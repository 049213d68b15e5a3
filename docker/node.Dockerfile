# One image definition for the three Node processes; each target runs one of them.
FROM node:20.19-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY domain/package.json domain/
COPY mappings/package.json mappings/
COPY stack/package.json stack/
COPY api/package.json api/
COPY indexer/package.json indexer/
COPY jobs/package.json jobs/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund

FROM deps AS source
COPY tsconfig.base.json ./
COPY domain domain
COPY mappings mappings
COPY api api
COPY indexer indexer
COPY jobs jobs
COPY web web

FROM source AS web-build
RUN npm run build -w @panhuo/web

FROM source AS api
USER node
EXPOSE 3001
CMD ["node", "node_modules/tsx/dist/cli.mjs", "api/src/main.ts"]

FROM source AS worker
USER node
CMD ["node", "node_modules/tsx/dist/cli.mjs", "jobs/src/main.ts"]

FROM node:20.19-bookworm-slim AS web
WORKDIR /app
COPY --from=web-build /app/web/build ./build
COPY --from=web-build /app/web/package.json ./package.json
# The same server npm start runs: adapter-node's handler with the API's header limit and 405 for TRACE etc.
COPY --from=web-build /app/web/server.js ./server.js
COPY --from=deps /app/node_modules ./node_modules
USER node
EXPOSE 3000
CMD ["node", "server.js"]

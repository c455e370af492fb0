# Randori: multi-stage build of the same artefacts `make build` produces, run as a
# non-root user with state in the /data volume.

# 1. The web client.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# 2. The Python sandbox component (componentize-py pre-initializes CPython into it).
FROM python:3.11-slim-bookworm AS guest
WORKDIR /src
RUN pip install --no-cache-dir componentize-py==0.25.1
COPY server/guest/python/ server/guest/python/
RUN mkdir -p build && cd server/guest/python \
 && componentize-py -d wit -w runner componentize runner -p . -o /src/build/runner.wasm

# 3. The JavaScript sandbox component: QuickJS-NG (C sources from the crates.io crate
# rquickjs-sys, fetched by cargo) built with Debian's clang for wasm32-wasi, then
# pre-initialized with Wizer (npm) and made a component with wasm-tools (PyPI).
FROM rust:1.95-bookworm AS js-guest
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang-14 lld-14 wasi-libc \
      libclang-rt-14-dev-wasm32 nodejs npm python3-venv \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY scripts/build-js-guest.sh scripts/
COPY server/guest/ server/guest/
RUN rm -rf server/guest/javascript/node_modules && ./scripts/build-js-guest.sh

# 4. The server.
FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY core/ core/
COPY server/ server/
COPY bench/ bench/
RUN cargo build --release --locked --bin randori

# 5. The runtime image.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/randori --uid 10001 randori \
 && mkdir -p /data && chown randori:randori /data
COPY --from=server /src/target/release/randori /usr/local/bin/randori
COPY --from=guest /src/build/runner.wasm /opt/randori/runner.wasm
COPY --from=js-guest /src/build/runner-js.wasm /opt/randori/runner-js.wasm
COPY --from=web /src/web/dist /opt/randori/web
COPY katas/ /opt/randori/katas/
ENV RANDORI_ADDR=0.0.0.0:8080 \
    RANDORI_DATA_DIR=/data \
    RANDORI_KATAS_DIR=/opt/randori/katas \
    RANDORI_WEB_DIR=/opt/randori/web \
    RANDORI_GUEST_WASM=/opt/randori/runner.wasm \
    RANDORI_JS_GUEST_WASM=/opt/randori/runner-js.wasm
USER randori
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["randori"]
CMD ["serve"]

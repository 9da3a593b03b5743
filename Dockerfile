# Krisebot: the database is built at image build time; the runtime is slim and non-root.
FROM python:3.11-slim AS build
WORKDIR /app
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml README.md requirements.txt ./
COPY setup.py MANIFEST.in ./
COPY bot ./bot
COPY data ./data
RUN pip install --prefix=/install -c requirements.txt . \
 && PYTHONPATH=/install/lib/python3.11/site-packages /install/bin/krisebot \
      --db /app/data/krisebot.db build-db --raw /app/data/raw

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin krisebot
COPY --from=build /install /usr/local
COPY --from=build --chown=root:root --chmod=0444 /app/data/krisebot.db /srv/krisebot/krisebot.db
ENV KRISEBOT_DB=/srv/krisebot/krisebot.db \
    KRISEBOT_RAW_DIR=/srv/krisebot/no-raw-sources \
    KRISEBOT_HTTP_PORT=8080 \
    PYTHONUNBUFFERED=1
USER krisebot
WORKDIR /home/krisebot
# /healthz on 127.0.0.1 (KRISEBOT_HTTP_PORT): database loaded, updates arriving, Redis answering.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD python -c "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ['KRISEBOT_HTTP_PORT'], timeout=5)" || exit 1
CMD ["krisebot", "run"]

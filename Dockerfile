# The web, worker and beat image: `docker compose up` runs all three from it.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# Fonts that cover European names on certificate and transcript PDFs (WeasyPrint embeds them);
# ffmpeg for the media pipeline; Pango for WeasyPrint's tagged PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-liberation fonts-dejavu-core \
        ffmpeg libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them. The project installs no
# packages of its own (the code runs from /app); README.m[d] copies README.md if it exists.
COPY pyproject.toml README.m[d] ./
RUN pip install .

COPY . .

# Static files are collected into the image. Production settings refuse to load without a secret
# key, so this one step gets a throwaway one that exists only in this command's environment.
RUN DJANGO_SECRET_KEY=collectstatic-build-step-only-not-a-real-secret-key-0123456789 \
    DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/var \
    && chown app:app /app/media /app/var

USER app

EXPOSE 8000
# gunicorn.conf.py reads its settings from the environment: PORT (8000, on 0.0.0.0),
# GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_WORKER_CLASS, GUNICORN_TIMEOUT ... (see
# docs/operations.md). The access log is Django's, in JSON; gunicorn's own stays off.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "config.wsgi:application"]

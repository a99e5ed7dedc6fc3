# One image for every Skald process: the orchestrator (default) and the example participant services.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q install -DskipTests \
 && mvn -B -q -pl orchestrator-app,participants dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp orchestrator-app/target/orchestrator-app-*.jar participants/target/participants-*.jar /app/lib/

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# Processes run as an unprivileged user with a fixed numeric id (so `runAsNonRoot` can check it), who owns only the
# state directory; the application files stay root's and read-only to it. See docs/security.md.
RUN groupadd --system --gid 10001 skald \
 && useradd --system --uid 10001 --gid skald --home-dir /var/lib/skald --no-create-home \
      --shell /usr/sbin/nologin skald \
 && mkdir -p /var/lib/skald \
 && chown skald:skald /var/lib/skald \
 && chmod 0750 /var/lib/skald
COPY --from=build /app/lib /app/lib
ENV SKALD_STATE_DIR=/var/lib/skald
USER 10001:10001
WORKDIR /var/lib/skald
ENTRYPOINT ["java", "-cp", "/app/lib/*"]
CMD ["dev.skald.orchestrator.app.Application"]

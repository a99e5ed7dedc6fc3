# One image for every Skald process: the orchestrator (default) and the example participant services.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q install -DskipTests \
 && mvn -B -q -pl orchestrator-stream,participants dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp orchestrator-stream/target/orchestrator-stream-*.jar participants/target/participants-*.jar /app/lib/

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/lib /app/lib
ENTRYPOINT ["java", "-cp", "/app/lib/*"]
CMD ["dev.skald.orchestrator.app.Application"]

# One image for the three services; docker-compose.yml picks the command. Build the jar first:
#   mvn -B -DskipTests install -pl app -am
FROM eclipse-temurin:17-jre
WORKDIR /opt/mediamon
COPY app/target/mediamon.jar /opt/mediamon/mediamon.jar
COPY seeds /opt/mediamon/seeds
ENV MEDIAMON_HOME=/opt/mediamon
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-jar", "/opt/mediamon/mediamon.jar"]

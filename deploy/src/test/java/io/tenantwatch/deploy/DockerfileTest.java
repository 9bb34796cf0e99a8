package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so the image is never built in CI; this checks what can be
 * checked without one: the jar the image copies is the one the app build writes, the entrypoint
 * runs it, the user is the unprivileged uid the chart's securityContext expects.
 */
class DockerfileTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final Path DOCKERFILE = Path.of("Dockerfile");

    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                continue;
            }
            out.add(current.toString());
            current.setLength(0);
        }
        return out;
    }

    private static String only(List<String> instructions, String keyword) {
        List<String> matching =
                instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
        assertThat(matching).as(keyword).hasSize(1);
        return matching.get(0).substring(keyword.length() + 1);
    }

    @Test
    void theImageCopiesTheJarTheAppBuildWritesAndRunsIt() throws IOException {
        String appPom = Files.readString(ROOT.resolve("app").resolve("pom.xml"));
        Matcher output = Pattern.compile("<outputFile>\\$\\{project.build.directory}/([^<]+)</outputFile>")
                .matcher(appPom);
        assertThat(output.find()).as("app/pom.xml names the shaded jar").isTrue();
        String builtJar = "app/target/" + output.group(1);
        Matcher main = Pattern.compile("<mainClass>([^<]+)</mainClass>").matcher(appPom);
        assertThat(main.find()).isTrue();
        assertThat(ROOT.resolve("app/src/main/java/" + main.group(1).replace('.', '/') + ".java"))
                .isRegularFile();

        List<String> instructions = instructions();
        List<String> stages =
                instructions.stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).startsWith("FROM eclipse-temurin:17-jdk").endsWith(" AS build");
        assertThat(stages.get(1)).isEqualTo("FROM eclipse-temurin:17-jre");
        assertThat(instructions)
                .anySatisfy(
                        i -> assertThat(i).startsWith("RUN ").contains("./mvnw").contains("package -pl app -am"));

        String[] copy = only(instructions, "COPY --from=build").split("\\s+");
        assertThat(copy).hasSize(2);
        assertThat(copy[0]).isEqualTo("/src/" + builtJar);
        String installed = copy[1];
        assertThat(only(instructions, "ENTRYPOINT")).isEqualTo("[\"java\", \"-jar\", \"" + installed + "\"]");
    }

    @Test
    void theImageRunsAsTheUnprivilegedUserTheChartExpects() throws IOException {
        String user = only(instructions(), "USER");
        assertThat(user).matches("\\d+:\\d+");
        String[] ids = user.split(":");
        assertThat(Integer.parseInt(ids[0])).isPositive();
        JsonNode values = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("helm", "tenantwatch", "values.yaml").toFile());
        assertThat(values.at("/podSecurityContext/runAsUser").asInt()).isEqualTo(Integer.parseInt(ids[0]));
        assertThat(values.at("/podSecurityContext/runAsGroup").asInt()).isEqualTo(Integer.parseInt(ids[1]));
        assertThat(only(instructions(), "CMD")).startsWith("[\"run\"");
    }

    @Test
    void theFileSaysCiDoesNotBuildItAndTheContextLeavesBuildOutputOut() throws IOException {
        assertThat(Files.readString(DOCKERFILE)).contains("CI does not build this image");
        assertThat(Files.readAllLines(Path.of("Dockerfile.dockerignore"))).contains(".git", "**/target");
    }

    @Test
    void theImageTheChartAndTheBuildNameTheSameRelease() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>tenantwatch-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pom.find()).as("the parent pom's version").isTrue();
        String release = pom.group(1).replace("-SNAPSHOT", "");

        assertThat(only(instructions(), "ARG")).isEqualTo("VERSION=" + release);
        assertThat(only(instructions(), "LABEL")).contains("org.opencontainers.image.version=\"${VERSION}\"");
        assertThat(Files.readString(ROOT.resolve("deploy/helm/tenantwatch/Chart.yaml")))
                .contains("appVersion: \"" + release + "\"");
    }
}

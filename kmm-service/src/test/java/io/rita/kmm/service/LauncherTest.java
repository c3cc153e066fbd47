package io.rita.kmm.service;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's launcher, {@code bin/kmm}, run for real on a copy of the project's layout, with a
 * stand-in {@code mvn} on the PATH that logs each build and "builds" a jar printing its
 * arguments: it builds on first use, once even when two first uses start together, and passes
 * the arguments through. Only the commands that start a nats-server of their own ({@code demo},
 * {@code serve --nats.embed}) need one: without it they stop before building, with exit code 3.
 */
class LauncherTest {

    @TempDir
    Path root;

    private Path buildLog;
    private Path fakeBin;
    private Path stderr;
    /** NATS_SERVER_PATH for the launcher, or null for none. */
    private String natsServerPath;

    @BeforeEach
    void copyTheLayout() throws IOException {
        Path project = projectRoot();
        Files.createDirectories(root.resolve("bin"));
        for (String script : List.of("kmm", "java-home", "setup")) {
            Files.copy(project.resolve("bin").resolve(script), root.resolve("bin").resolve(script));
        }
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        for (String module : List.of("framework", "kmm-domain", "kmm-service")) {
            Path source = Files.createDirectories(root.resolve(module).resolve("src/main/java"));
            Files.writeString(source.resolve("Placeholder.java"), "class Placeholder {}\n");
        }
        Path jar = root.resolve("echo.jar");
        writeEchoJar(jar);
        buildLog = root.resolve("builds.log");
        stderr = root.resolve("stderr.txt");
        fakeBin = Files.createDirectories(root.resolve("fake-bin"));
        Path mvn = fakeBin.resolve("mvn");
        // a build that takes a moment, so that two launchers started together overlap in it
        Files.writeString(mvn, "#!/bin/sh\n"
                + "echo \"build $$\" >> '" + buildLog + "'\n"
                + "sleep 1\n"
                + "mkdir -p kmm-service/target && cp '" + jar + "' kmm-service/target/kmm.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void two_first_uses_at_once_build_once_and_both_run() throws Exception {
        Process first = launch("--help");
        Process second = launch("balance", "susie");

        assertThat(outcome(first)).isEqualTo("0 echo: --help");
        assertThat(outcome(second)).isEqualTo("0 echo: balance susie");
        assertThat(Files.readAllLines(buildLog)).hasSize(1);
    }

    @Test
    void a_later_use_runs_the_jar_without_building() throws Exception {
        assertThat(outcome(launch("--version"))).isEqualTo("0 echo: --version");

        assertThat(outcome(launch("--help"))).isEqualTo("0 echo: --help");
        assertThat(Files.readAllLines(buildLog)).hasSize(1);
    }

    @Test
    void client_commands_do_not_need_a_nats_server_executable() throws Exception {
        natsServerPath = root.resolve("no-such-nats-server").toString();

        assertThat(outcome(launch("balance", "susie"))).isEqualTo("0 echo: balance susie");
        assertThat(outcome(launch("serve", "--nats.url", "nats://10.0.0.5:4222")))
                .isEqualTo("0 echo: serve --nats.url nats://10.0.0.5:4222");
        assertThat(outcome(launch("demo", "--help"))).isEqualTo("0 echo: demo --help");
    }

    @Test
    void demo_and_an_embedded_serve_stop_before_building_when_nats_server_is_missing() throws Exception {
        natsServerPath = root.resolve("no-such-nats-server").toString();

        for (List<String> args : List.of(List.of("demo"), List.of("serve", "--nats.embed"))) {
            Process kmm = launch(args.toArray(String[]::new));

            assertThat(outcome(kmm)).as("bin/kmm %s", args).isEqualTo("3 ");
            assertThat(Files.readString(stderr)).as("bin/kmm %s", args)
                    .contains("NATS_SERVER_PATH=" + natsServerPath + " is not an executable file")
                    .contains("kmm: cannot run without");
        }
        assertThat(buildLog).as("nothing was built").doesNotExist();
    }

    @Test
    void demo_runs_with_the_nats_server_it_finds() throws Exception {
        Path server = root.resolve("nats-server");
        Files.writeString(server, "#!/bin/sh\n");
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        natsServerPath = server.toString();

        assertThat(outcome(launch("demo"))).isEqualTo("0 echo: demo");
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/kmm").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (natsServerPath != null) {
            builder.environment().put("NATS_SERVER_PATH", natsServerPath);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /** {@code <exit code> <standard output>}, once it ended. */
    private static String outcome(Process process) throws Exception {
        String out;
        try (InputStream stdout = process.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/kmm ended").isTrue();
        return process.exitValue() + " " + out;
    }

    /** A runnable jar whose main class is {@link EchoArgs}. */
    private static void writeEchoJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoArgs.class.getName());
        String entry = EchoArgs.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = EchoArgs.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }

    /** The project's root: the parent of this module's directory, where Maven runs the tests. */
    private static Path projectRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path root = module.getParent();
        if (!Files.isRegularFile(root.resolve("bin/kmm"))) {
            throw new IllegalStateException("bin/kmm not found under " + root + "; run the tests from the module");
        }
        return root;
    }
}

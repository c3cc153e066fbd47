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
 * the arguments through.
 */
class LauncherTest {

    @TempDir
    Path root;

    private Path buildLog;
    private Path fakeBin;

    @BeforeEach
    void copyTheLayout() throws IOException {
        Path project = projectRoot();
        Files.createDirectories(root.resolve("bin"));
        for (String script : List.of("kmm", "java-home")) {
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

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/kmm").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
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

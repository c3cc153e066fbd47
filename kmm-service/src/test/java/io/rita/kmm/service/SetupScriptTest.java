package io.rita.kmm.service;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/setup}, the set-up of bin/kmm, bin/test and .ci/run, run for real with stand-ins for
 * the system: {@code apt-get} and {@code apt-cache} that log what they are asked, an {@code id} that
 * says root or not, and an os-release of Debian or Fedora. The need under test is Maven: the
 * stand-in apt-get "installs" it by creating an {@code mvn}. The PATH holds the stand-ins and links
 * to the few real tools the script uses, so that no {@code mvn} or {@code sudo} of this machine counts.
 */
class SetupScriptTest {

    private static final String INSTALL =
            "DEBIAN_FRONTEND=noninteractive install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 maven";
    private static final String UPDATE = "DEBIAN_FRONTEND=noninteractive update -q";
    /** What bin/setup and the stand-ins run, besides the stand-ins: a command it starts using belongs here. */
    private static final Set<String> TOOLS = Set.of("bash", "sh", "cat", "chmod", "dirname", "grep", "mktemp",
            "rm", "sed", "tail", "touch");

    @TempDir
    Path dir;

    private Path bin;
    private Path aptLog;
    private Path osRelease;
    private Path stderr;

    @BeforeEach
    void standIns() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        aptLog = dir.resolve("apt.log");
        stderr = dir.resolve("stderr.txt");
        osRelease = dir.resolve("os-release");
        Files.writeString(osRelease, "ID=debian\nVERSION_ID=\"12\"\n");
        root(true);
        aptKnowsMaven(true);
        script("id", "cat '" + dir.resolve("uid") + "'");
        // apt's lists know maven when the file "lists" exists; an update makes it, unless the
        // distribution has no such package ("no-package")
        script("apt-cache", "if [ -f '" + dir.resolve("lists") + "' ]; then echo '  Candidate: 3.8.7-1';"
                + " else echo '  Candidate: (none)'; fi");
        script("apt-get", "echo \"DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*\" >> '" + aptLog + "'\n"
                + "if [ \"$1\" = update ] && [ ! -f '" + dir.resolve("no-package") + "' ]; then touch '"
                + dir.resolve("lists") + "'; fi\n"
                + "case \" $* \" in *' install '*' maven '*) printf '#!/bin/sh\\n' > '" + bin.resolve("mvn")
                + "'; chmod +x '" + bin.resolve("mvn") + "' ;; esac");
        linkFromPath(TOOLS);
    }

    @Test
    void as_root_installs_what_is_missing_and_says_so_without_updating_lists_that_know_it() throws Exception {
        assertThat(setUp("maven")).isZero();

        assertThat(Files.readAllLines(aptLog)).containsExactly(INSTALL);
        assertThat(Files.readString(stderr)).contains("bin/setup: missing maven: installing maven with apt-get")
                .contains("installed maven").contains("ready: maven");
    }

    @Test
    void as_root_updates_the_lists_first_when_apt_does_not_know_the_package() throws Exception {
        aptKnowsMaven(false);

        assertThat(setUp("maven")).isZero();

        assertThat(Files.readAllLines(aptLog)).containsExactly(UPDATE, INSTALL);
    }

    @Test
    void as_root_fails_and_says_why_when_the_distribution_has_no_such_package() throws Exception {
        aptKnowsMaven(false);
        Files.createFile(dir.resolve("no-package"));

        assertThat(setUp("maven")).isEqualTo(1);

        assertThat(Files.readAllLines(aptLog)).containsExactly(UPDATE);
        assertThat(Files.readString(stderr)).contains("cannot install maven: apt knows no package maven");
    }

    @Test
    void a_user_who_is_not_root_gets_the_exact_command_and_nothing_runs() throws Exception {
        root(false);
        script("sudo", "exit 99");

        assertThat(setUp("maven")).isEqualTo(1);

        assertThat(aptLog).doesNotExist();
        assertThat(Files.readString(stderr)).contains("missing: maven; installing needs root. Run:\n"
                + "    sudo apt-get install -y maven\n");
    }

    @Test
    void a_user_without_sudo_whose_lists_are_old_gets_an_update_in_the_command() throws Exception {
        root(false);
        aptKnowsMaven(false);

        assertThat(setUp("maven")).isEqualTo(1);

        assertThat(aptLog).doesNotExist();
        assertThat(Files.readString(stderr)).contains("su root -c 'apt-get update && apt-get install -y maven'");
    }

    @Test
    void another_system_gets_advice_and_nothing_is_installed() throws Exception {
        Files.writeString(osRelease, "ID=fedora\nVERSION_ID=40\n");

        assertThat(setUp("maven")).isEqualTo(1);

        assertThat(aptLog).doesNotExist();
        assertThat(Files.readString(stderr)).contains("installing is done on Debian and Ubuntu only")
                .contains("Maven 3.8 or newer");
    }

    @Test
    void what_is_there_already_installs_nothing() throws Exception {
        script("mvn", "exit 0");

        assertThat(setUp("maven")).isZero();

        assertThat(aptLog).doesNotExist();
    }

    /** Runs {@code bin/setup needs...}; its exit code. */
    private int setUp(String... needs) throws Exception {
        List<String> command = Stream.concat(Stream.of("bash", projectRoot().resolve("bin/setup").toString()),
                Stream.of(needs)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("RITA_SETUP_OS_RELEASE", osRelease.toString());
        builder.environment().put("TMPDIR", dir.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/setup ended").isTrue();
        return process.exitValue();
    }

    private void root(boolean root) throws IOException {
        Files.writeString(dir.resolve("uid"), root ? "0\n" : "1000\n");
    }

    private void aptKnowsMaven(boolean knows) throws IOException {
        if (knows) {
            Files.writeString(dir.resolve("lists"), "");
        } else {
            Files.deleteIfExists(dir.resolve("lists"));
        }
    }

    private void script(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A link to each of these commands, from the real PATH. */
    private void linkFromPath(Set<String> commands) throws IOException {
        for (String name : commands) {
            Path command = Stream.of(System.getenv("PATH").split(":"))
                    .map(entry -> Path.of(entry.isEmpty() ? "." : entry).resolve(name))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " is not on the PATH"));
            Files.createSymbolicLink(bin.resolve(name), command.toAbsolutePath());
        }
    }

    /** The project's root: the parent of this module's directory, where Maven runs the tests. */
    private static Path projectRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path root = module.getParent();
        if (!Files.isRegularFile(root.resolve("bin/setup"))) {
            throw new IllegalStateException("bin/setup not found under " + root + "; run the tests from the module");
        }
        return root;
    }
}

package io.rita.kmm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code docs/testing.md} and of {@code README.md} are copies of real code, so
 * that they cannot drift from code that compiles and passes: every Java block whose preceding
 * line links a source file ({@code From [X.java](../path/X.java):}) must still be in that file,
 * word for word. A line {@code // ...} inside a block marks an elision; each piece between must
 * be found.
 */
class TestingGuideExamplesTest {

    // surefire runs a module's tests in the module's directory
    private static final Path GUIDE = Path.of("..", "docs", "testing.md");
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern SOURCE_LINK = Pattern.compile("\\]\\(([^)\\s]+\\.java)\\)");
    private static final String ELISION = "// ...";

    /** One linked block: its line in the guide, the file it names, and its pieces. */
    private record Example(int line, Path source, List<String> pieces) {
    }

    @Test
    void every_linked_example_is_in_its_source_word_for_word() {
        assertThat(missing(GUIDE, examples(GUIDE, Path.of("docs")))).isEmpty();
    }

    @Test
    void every_example_of_the_readme_is_in_the_starter_project_word_for_word() {
        List<Example> examples = examples(README, Path.of(""));

        assertThat(examples).extracting(example -> example.source().toString().replace('\\', '/'))
                .contains("examples/shows/src/main/java/com/example/shows/Shows.java",
                        "examples/shows/src/test/java/com/example/shows/ShowsTest.java");
        assertThat(missing(README, examples)).isEmpty();
    }

    private static List<String> missing(Path document, List<Example> examples) {
        List<String> missing = new ArrayList<>();
        for (Example example : examples) {
            String source = read(example.source());
            for (String piece : example.pieces()) {
                if (!source.contains(piece)) {
                    missing.add(document.getFileName() + " line " + example.line() + ", not in " + example.source()
                            + ":\n" + piece);
                }
            }
        }
        return missing;
    }

    @Test
    void the_decider_handler_and_integration_examples_come_from_kmms_tests() {
        assertThat(examples(GUIDE, Path.of("docs"))).extracting(example -> example.source().toString().replace('\\', '/')).contains(
                "kmm-domain/src/test/java/io/rita/kmm/domain/BudgetRulesTest.java",
                "kmm-service/src/test/java/io/rita/kmm/service/KmmRoutesTest.java",
                "kmm-service/src/test/java/io/rita/kmm/service/BadInputTest.java");
    }

    /** The linked blocks of {@code document}, whose links are relative to {@code base} (from the repository root). */
    private static List<Example> examples(Path document, Path base) {
        List<String> lines = List.of(read(document).split("\n", -1));
        List<Example> examples = new ArrayList<>();
        String before = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```java")) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                Path source = linkedSource(before, base);
                if (source != null) {
                    examples.add(new Example(i + 1, source, pieces(lines.subList(i + 1, end))));
                }
                i = end;
            }
            if (!line.isBlank()) {
                before = line;
            }
        }
        return examples;
    }

    /** The file the last link of a line names, relative to the repository root; null without one. */
    private static Path linkedSource(String line, Path base) {
        Matcher link = SOURCE_LINK.matcher(line);
        String target = null;
        while (link.find()) {
            target = link.group(1);
        }
        return target == null ? null : base.resolve(target).normalize();
    }

    private static List<String> pieces(List<String> block) {
        List<String> pieces = new ArrayList<>();
        List<String> piece = new ArrayList<>();
        for (String line : block) {
            if (line.strip().equals(ELISION)) {
                addTrimmed(pieces, piece);
                piece = new ArrayList<>();
            } else {
                piece.add(line);
            }
        }
        addTrimmed(pieces, piece);
        return pieces;
    }

    private static void addTrimmed(List<String> pieces, List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        if (from < to) {
            pieces.add(String.join("\n", lines.subList(from, to)));
        }
    }

    private static String read(Path file) {
        // paths in the guide are relative to the repository root, one level above this module
        Path path = file.startsWith("..") ? file : Path.of("..").resolve(file);
        try {
            return Files.readString(path).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath().normalize(), e);
        }
    }
}

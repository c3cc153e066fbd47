package io.rita.test.modules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.classgraph.ClassGraph;
import io.nats.client.Connection;
import io.rita.eventstore.Event;
import io.rita.nats.NatsServerProcess;
import org.junit.jupiter.api.Test;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The framework is a module that exports its API and keeps {@code io.rita.internal} to itself,
 * checked on the real module system: the framework and its dependencies in a module layer of
 * their own, as a user's modular application would have them.
 */
class ModuleBoundaryTest {

    private static final Set<String> API = Set.of("io.rita.aggregate", "io.rita.client", "io.rita.decider",
            "io.rita.eventstore", "io.rita.projection", "io.rita.service", "io.rita.types");

    private static Path locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleLayer frameworkLayer() throws URISyntaxException {
        ModuleFinder finder = ModuleFinder.of(locationOf(Event.class), locationOf(Connection.class),
                locationOf(ObjectMapper.class), locationOf(JavaTimeModule.class), locationOf(ClassGraph.class),
                locationOf(com.fasterxml.jackson.core.JsonParser.class),
                locationOf(com.fasterxml.jackson.annotation.JsonProperty.class));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of("io.rita"));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void the_framework_module_exports_the_api_and_not_its_internals() throws Exception {
        ModuleDescriptor descriptor = ModuleFinder.of(locationOf(Event.class)).find("io.rita").orElseThrow().descriptor();

        Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported).isEqualTo(API);
        // every package but the plumbing is API: a new package must be exported (or made internal) on purpose
        assertThat(descriptor.packages()).contains("io.rita.internal").containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(API.stream(), java.util.stream.Stream.of("io.rita.internal")).toList());
        // Jackson reads and writes records of these packages that are not public
        Set<String> openToJackson = descriptor.opens().stream()
                .filter(o -> o.targets().contains("com.fasterxml.jackson.databind"))
                .map(ModuleDescriptor.Opens::source).collect(Collectors.toSet());
        assertThat(openToJackson).containsExactlyInAnyOrder("io.rita.eventstore", "io.rita.projection");
    }

    @Test
    void the_nats_server_process_is_a_module_of_its_own_that_needs_only_the_jdk() throws Exception {
        ModuleDescriptor framework = ModuleFinder.of(locationOf(Event.class)).find("io.rita").orElseThrow()
                .descriptor();
        ModuleDescriptor nats = ModuleFinder.of(locationOf(NatsServerProcess.class)).find("io.rita.nats")
                .orElseThrow().descriptor();

        assertThat(framework.requires()).extracting(ModuleDescriptor.Requires::name).doesNotContain("io.rita.nats");
        assertThat(nats.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.rita.nats");
        assertThat(nats.requires()).extracting(ModuleDescriptor.Requires::name).containsExactly("java.base");
    }

    @Test
    void code_outside_the_module_cannot_reach_its_internals() throws Exception {
        ModuleLayer layer = frameworkLayer();
        Module rita = layer.findModule("io.rita").orElseThrow();
        ClassLoader loader = layer.findLoader("io.rita");

        assertThat(rita.isExported("io.rita.eventstore")).isTrue();
        assertThat(rita.isExported("io.rita.internal")).isFalse();
        Class<?> directGet = Class.forName("io.rita.internal.DirectGet", false, loader);
        assertThatThrownBy(() -> directGet.getConstructors()[0].newInstance(null, "s", java.time.Duration.ZERO))
                .isInstanceOf(IllegalAccessException.class).hasMessageContaining("does not export io.rita.internal");
        Class<?> expected = Class.forName("io.rita.eventstore.Expected", true, loader);
        assertThat(expected.getMethod("any").invoke(null).toString()).isEqualTo("Any[]");
    }
}

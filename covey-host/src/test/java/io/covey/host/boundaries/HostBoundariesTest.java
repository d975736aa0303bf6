package io.covey.host.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.covey.core.boundaries.CompiledClasses;
import io.covey.host.api.GroupsController;

/**
 * The API layer talks to the engine through its front door only: the types of package
 * {@code io.covey.engine} itself ({@code CoveyManager}, {@code EventPosition}), never the
 * journal, the launchers or the foreign runtime behind it, which are free to change.
 */
class HostBoundariesTest {
    /** An internal name in a constant pool: io/covey/engine/<sub package>/... */
    private static final Pattern ENGINE_INSIDE = Pattern.compile("io/covey/engine/([a-z][a-z0-9_]*)/");

    @Test
    void theApiUsesOnlyTheEnginesFrontDoor() {
        CompiledClasses api = CompiledClasses.besides(GroupsController.class).inPackage("io/covey/host/api");
        assertThat(api.files()).hasSizeGreaterThan(8);
        assertThat(api.mentioning("io/covey/engine/")).as("the api does use the front door").isNotEmpty();
        List<String> reachingIn = new ArrayList<>();
        for (Path file : api.files()) {
            Matcher matcher = ENGINE_INSIDE.matcher(constantPool(file));
            while (matcher.find()) {
                reachingIn.add(api.root().relativize(file) + " -> io.covey.engine." + matcher.group(1));
            }
        }
        assertThat(reachingIn).isEmpty();
    }

    @Test
    void theScanFindsAReachIn() {
        // The pattern is what catches a reach-in: it must match the name of an inner package and not the front door.
        assertThat(ENGINE_INSIDE.matcher("Lio/covey/engine/journal/EventJournal;").find()).isTrue();
        assertThat(ENGINE_INSIDE.matcher("Lio/covey/engine/CoveyManager;").find()).isFalse();
    }

    private static String constantPool(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

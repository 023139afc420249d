package dev.wasmperf.suite;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.execution.Classification;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.matrix.VariantRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** One suite run shares work: each variant is prepared once and each (variant, input) pair runs once. */
class SuiteTest {

    @TempDir
    Path project;
    private Path runLog;
    private Suite suite;

    @BeforeEach
    void projectWithAStandInClassifier() throws IOException {
        runLog = project.resolve("runs.log");
        Path binary = Files.createDirectories(project.resolve("target/classifier/native")).resolve("mobilenet-classify");
        Files.writeString(binary, "#!/bin/sh\necho run >> '" + runLog + "'\n"
                + "echo '{\"top\":[{\"index\":286,\"label\":\"Egyptian cat\",\"score\":0.75}],\"model_sha256\":\"x\",\"phases_us\":{\"total\":1}}'\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fixtures = Files.createDirectories(project.resolve("fixtures/images"));
        Files.write(fixtures.resolve("cat.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(project.resolve("fixtures/manifest.json"), """
                {"fixtures":[{"name":"cat","file":"images/cat.png","expected":{"index":286,"label":"Egyptian cat"},"min_score":0.5}]}
                """);

        Properties file = new Properties();
        file.setProperty("variants", "native");
        file.setProperty("cache.dir", project.resolve("cache").toString());
        file.setProperty("wasmtime.version", "49.0.2");
        file.setProperty("wasmer.version", "7.4.2");
        file.setProperty("wasm.flavour", "simd");
        file.setProperty("timeout.run.seconds", "20");
        file.setProperty("timeout.compile.seconds", "20");
        file.setProperty("timeout.version.seconds", "20");
        file.setProperty("fixtures.dir", "fixtures");
        file.setProperty("launcher.binary", dev.wasmperf.execution.Launchers.built().binary().toString());
        suite = new Suite(new SuiteConfig(file, new Properties(), project));
    }

    @Test
    void eachVariantIsPreparedOnce() {
        assertThat(suite.readiness(Variant.NATIVE)).isInstanceOf(Readiness.Ready.class).isSameAs(suite.readiness(Variant.NATIVE));
    }

    @Test
    void eachPairRunsOnceAndIsShared() throws IOException {
        PreparedVariant nativeVariant = ((Readiness.Ready) suite.readiness(Variant.NATIVE)).prepared();
        Fixture cat = suite.manifest().fixtures().get(0);
        StdinPayload request = suite.request(cat);

        VariantRun first = suite.run(nativeVariant, request);
        VariantRun second = suite.run(nativeVariant, suite.request(cat));

        assertThat(second).isSameAs(first);
        assertThat(Files.readAllLines(runLog)).containsExactly("run");
        assertThat(request.file()).isEqualTo(project.resolve("target/inputs/cat.json"));
        assertThat(((Classification) first.output()).best().index()).isEqualTo(286);
        assertThat(first.runtimeVersion()).isEqualTo(PreparedVariant.NO_RUNTIME);
    }
}

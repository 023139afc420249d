package dev.wasmperf.machine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineIdentityTest {

    private static String cpuinfo(int family, int model, int stepping, String flags) {
        return "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: " + family + "\nmodel\t\t: " + model
                + "\nmodel name\t: AMD EPYC\nstepping\t: " + stepping + "\nflags\t\t: fpu vme " + flags + " hypervisor\n\n"
                + "processor\t: 1\nvendor_id\t: GenuineIntel\n";
    }

    private static final String MEMINFO = "MemTotal:       24590612 kB\nMemFree:        1 kB\n";

    @Test
    void twoGenerationsThatShareAModelNameGetDifferentProfiles() {
        MachineIdentity zen2 = MachineIdentity.parse(cpuinfo(23, 49, 0, "sse4_2 avx avx2 fma"), MEMINFO, 2, "KVM");
        MachineIdentity zen4 = MachineIdentity.parse(cpuinfo(25, 17, 1, "sse4_2 avx avx2 fma avx512f avx512bw"), MEMINFO, 2, "KVM");

        assertThat(zen2.modelName()).isEqualTo(zen4.modelName());
        assertThat(zen2.profile()).isEqualTo("amd-f23m49s0-avx2-2c-24g");
        assertThat(zen4.profile()).isEqualTo("amd-f25m17s1-avx512-2c-24g");
        assertThat(zen4.differences(zen2)).anySatisfy(d -> assertThat(d).startsWith("CPU family/model/stepping: stored 23/49/0"))
                .anySatisfy(d -> assertThat(d).startsWith("ISA features"));
    }

    @Test
    void onlyTheFirstProcessorAndCodePathFeaturesCount() {
        MachineIdentity id = MachineIdentity.parse(cpuinfo(25, 1, 1, "avx2 sse4_2 vmx ibrs"), MEMINFO, 2, "KVM");

        assertThat(id.vendor()).isEqualTo("AuthenticAMD");
        assertThat(id.isa()).containsExactly("avx2", "sse4_2");
        assertThat(id.memoryGib()).isEqualTo(24);
    }

    @Test
    void aFeatureDifferenceAloneMakesMachinesDifferentButTheHypervisorDoesNot() {
        MachineIdentity a = MachineIdentity.parse(cpuinfo(25, 1, 1, "avx2"), MEMINFO, 2, "KVM");
        MachineIdentity b = MachineIdentity.parse(cpuinfo(25, 1, 1, "avx2 avx512f"), MEMINFO, 2, "Firecracker");
        MachineIdentity c = MachineIdentity.parse(cpuinfo(25, 1, 1, "avx2"), MEMINFO, 2, "Firecracker");

        assertThat(b.differences(a)).hasSize(1).first().asString().startsWith("ISA features");
        assertThat(c.differences(a)).isEmpty();
        assertThat(a.differences(null)).singleElement().asString().contains("no exact machine identity");
    }
}

package dev.wasmperf.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which machine kind a measurement ran on, exactly enough that two CPU generations never share stored absolute
 * values: CPU vendor, family, model and stepping, the ISA features that change code paths (the classifier's kernels
 * and the runtimes' code generators pick AVX2 or AVX-512 from them), cores and memory. The model name alone is not
 * enough: Zen 2, Zen 3 and Zen 4 EPYC VMs all call themselves "AMD EPYC".
 *
 * @param vendor     vendor_id ("AuthenticAMD", "GenuineIntel")
 * @param modelName  the marketing name, recorded for people; not part of the identity
 * @param isa        the code-path-relevant ISA features present, sorted
 * @param memoryGib  MemTotal rounded up to whole GiB (a 24 GiB VM reports a little less)
 * @param hypervisor the hypervisor's vendor as the guest sees it, "none" on bare metal; recorded, not compared
 */
public record MachineIdentity(String vendor, int family, int model, int stepping, String modelName, List<String> isa,
                              int cores, int memoryGib, String hypervisor) {

    /** Features a compiler or the classifier's kernel dispatch may switch on. Others (virtualisation, security) are noise. */
    static final Set<String> CODE_PATH_FEATURES = Set.of("sse3", "ssse3", "sse4_1", "sse4_2", "popcnt", "avx", "avx2", "fma",
            "f16c", "bmi1", "bmi2", "abm", "lzcnt", "movbe", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl",
            "avx512ifma", "avx512vbmi", "avx512_vbmi2", "avx512_vnni", "avx512_bitalg", "avx512_vpopcntdq", "avx512_bf16",
            "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16", "sha_ni", "vaes", "vpclmulqdq", "gfni");

    public MachineIdentity {
        isa = List.copyOf(new TreeSet<>(isa));
    }

    /**
     * Prints this machine's profile, without Maven or a build (CI keys a job's report history by it before the run):
     * {@code java src/main/java/dev/wasmperf/machine/MachineIdentity.java}.
     */
    public static void main(String[] args) {
        System.out.println(detect().profile());
    }

    /** This machine, from /proc/cpuinfo, /proc/meminfo and the DMI vendor. */
    public static MachineIdentity detect() {
        try {
            String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            String meminfo = Files.readString(Path.of("/proc/meminfo"));
            return parse(cpuinfo, meminfo, java.lang.Runtime.getRuntime().availableProcessors(), hypervisorVendor(cpuinfo));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/cpuinfo or /proc/meminfo to identify the machine (" + e.getMessage()
                    + "); the suite measures on Linux only.", e);
        }
    }

    /** Parses the first processor's block of /proc/cpuinfo and MemTotal of /proc/meminfo. */
    static MachineIdentity parse(String cpuinfo, String meminfo, int cores, String hypervisor) {
        Map<String, String> cpu = new LinkedHashMap<>();
        for (String line : cpuinfo.split("\n")) {
            if (line.isBlank() && !cpu.isEmpty()) {
                break; // the first processor is enough: VMs of this kind present identical cores
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                cpu.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        List<String> flags = Arrays.stream(cpu.getOrDefault("flags", "").split("\\s+"))
                .filter(CODE_PATH_FEATURES::contains).toList();
        long memKib = meminfo.lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        int gib = (int) Math.ceil(memKib / (1024.0 * 1024.0));
        return new MachineIdentity(cpu.getOrDefault("vendor_id", "unknown"), number(cpu.get("cpu family")), number(cpu.get("model")),
                number(cpu.get("stepping")), cpu.getOrDefault("model name", "unknown"), flags, cores, gib, hypervisor);
    }

    private static int number(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String hypervisorVendor(String cpuinfo) {
        if (!cpuinfo.contains(" hypervisor")) {
            return "none";
        }
        for (String file : List.of("/sys/class/dmi/id/sys_vendor", "/sys/hypervisor/type")) {
            try {
                String vendor = Files.readString(Path.of(file)).strip();
                if (!vendor.isEmpty()) {
                    return vendor;
                }
            } catch (IOException | RuntimeException e) {
                // not exposed by this hypervisor; try the next source
            }
        }
        try {
            // No DMI here (Firecracker exposes none), but the paravirtual clock names the hypervisor.
            String clocks = Files.readString(Path.of("/sys/devices/system/clocksource/clocksource0/available_clocksource"));
            if (clocks.contains("kvm-clock")) {
                return "KVM";
            }
            if (clocks.contains("hyperv")) {
                return "Hyper-V";
            }
            if (clocks.contains("xen")) {
                return "Xen";
            }
        } catch (IOException | RuntimeException e) {
            // no clock source to go by
        }
        return "unknown hypervisor";
    }

    /** The widest vector ISA the kernels and code generators can use: what makes two CPUs' timings incomparable first. */
    public String vectorLevel() {
        if (isa.contains("avx512f")) {
            return "avx512";
        }
        if (isa.contains("avx2")) {
            return "avx2";
        }
        return isa.contains("sse4_2") ? "sse4" : "baseline";
    }

    /** The profile name stored values are kept under, e.g. "amd-f25m1s1-avx2-2c-24g". */
    public String profile() {
        String v = switch (vendor) {
            case "AuthenticAMD" -> "amd";
            case "GenuineIntel" -> "intel";
            default -> vendor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        };
        return String.format(Locale.ROOT, "%s-f%dm%ds%d-%s-%dc-%dg", v, family, model, stepping, vectorLevel(), cores, memoryGib);
    }

    /** What differs from another identity, one line each; the model name and hypervisor are recorded only. */
    public List<String> differences(MachineIdentity other) {
        List<String> out = new ArrayList<>();
        if (other == null) {
            out.add("machine: the baseline has no exact machine identity (recorded by an older suite), now " + this);
            return out;
        }
        differ(out, "CPU vendor", other.vendor, vendor);
        differ(out, "CPU family/model/stepping", other.family + "/" + other.model + "/" + other.stepping,
                family + "/" + model + "/" + stepping);
        differ(out, "ISA features", other.isa, isa);
        differ(out, "cores", other.cores, cores);
        differ(out, "memory GiB", other.memoryGib, memoryGib);
        return out;
    }

    private static void differ(List<String> out, String what, Object baseline, Object now) {
        if (!Objects.equals(baseline, now)) {
            out.add(what + ": stored " + baseline + ", now " + now);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s family %d model %d stepping %d, %s), %d cores, %d GiB, hypervisor %s", modelName,
                vendor, family, model, stepping, vectorLevel(), cores, memoryGib, hypervisor);
    }
}

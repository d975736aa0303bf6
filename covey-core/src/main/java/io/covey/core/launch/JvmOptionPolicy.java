package io.covey.core.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which JVM options a worker declaration may add to its child's command line. A declaration can
 * come from anyone who may call the API, and a JVM option can run code ({@code -javaagent},
 * {@code -XX:OnOutOfMemoryError=...}, {@code -Djava.system.class.loader=...}): so only a short list
 * is open by default, heap and stack sizes, the choice of collector and a few of its knobs, and
 * system properties outside the JVM's and Covey's own namespaces. An operator widens it with
 * patterns of their own ({@code covey.worker.allowed-jvm-options}), where {@code *} stands for
 * any text: {@code -XX:MaxMetaspaceSize=*}.
 */
public final class JvmOptionPolicy {
    private static final List<Pattern> BUILT_IN = List.of(
            Pattern.compile("-Xm[xs]\\d{1,12}[kKmMgG]?"),
            Pattern.compile("-Xss\\d{1,12}[kKmMgG]?"),
            Pattern.compile("-XX:[+-]Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC"),
            Pattern.compile("-XX:[+-](ZGenerational|UseStringDeduplication|AlwaysPreTouch|UseCompressedOops)"),
            Pattern.compile("-XX:(MaxGCPauseMillis|GCTimeRatio|ParallelGCThreads|ConcGCThreads|MaxHeapFreeRatio"
                    + "|MinHeapFreeRatio|InitiatingHeapOccupancyPercent|G1HeapRegionSize|MaxMetaspaceSize"
                    + "|MaxDirectMemorySize|MaxRAMPercentage|InitialRAMPercentage|SoftMaxHeapSize)=\\d{1,12}[kKmMgG]?"),
            // System properties, but none of the JVM's own (a class loader, a library path, a security
            // manager) and none of Covey's: the name is plain, and the value cannot smuggle a second option.
            Pattern.compile("-D(?!(java|jdk|sun|covey|com\\.sun)\\.)[A-Za-z_][A-Za-z0-9_.-]{0,127}(=[^\\s]{0,1024})?"),
            Pattern.compile("-Djava\\.awt\\.headless=(true|false)"),
            Pattern.compile("-Djava\\.net\\.preferIPv4Stack=(true|false)"));

    /** The built-in list only. */
    public static final JvmOptionPolicy DEFAULT = new JvmOptionPolicy(List.of());

    private final List<Pattern> allowed;
    private final List<String> extra;

    /** @param extraPatterns operator patterns allowed besides the built-in ones; {@code *} stands for any text */
    public JvmOptionPolicy(List<String> extraPatterns) {
        this.extra = List.copyOf(extraPatterns == null ? List.of() : extraPatterns);
        List<Pattern> patterns = new ArrayList<>(BUILT_IN);
        for (String glob : extra) {
            patterns.add(glob(glob));
        }
        this.allowed = List.copyOf(patterns);
    }

    /** The operator's patterns. */
    public List<String> extraPatterns() {
        return extra;
    }

    public boolean allows(String option) {
        return option != null && allowed.stream().anyMatch(pattern -> pattern.matcher(option).matches());
    }

    /** The first option of {@code options} this policy does not allow, if any. */
    public Optional<String> firstRefused(List<String> options) {
        return options == null ? Optional.empty() : options.stream().filter(option -> !allows(option)).findFirst();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}

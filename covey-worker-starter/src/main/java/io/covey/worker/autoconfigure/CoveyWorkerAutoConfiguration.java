package io.covey.worker.autoconfigure;

import java.util.List;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.manifest.UnavailableWorkerType;
import io.covey.core.worker.CoveyWorkerType;
import io.covey.core.launch.ChildLaunchSettings;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds the {@link CoveyManifest} from annotated worker classes and the
 * {@link ChildLaunchSettings} from {@code covey.worker.*}.
 * <p>
 * The manifest holds, in this order:
 * <ol>
 *   <li>every {@link CoveyWorkerType @CoveyWorkerType} class in {@code covey.worker.scan-packages};
 *       when that is empty, in the auto-configuration packages (those of the
 *       {@code @SpringBootApplication} class), so an application that keeps its workers beside
 *       its main class needs no setting. Explicit packages replace that default rather than add
 *       to it, as {@code @EntityScan} does, so a host can narrow the scan to its worker jars;</li>
 *   <li>the types added by {@link CoveyManifestCustomizer} beans, in order.</li>
 * </ol>
 * A scanned class that does not load (a dependency missing) is listed unavailable with the reason,
 * and logged; the context still starts.
 * A {@code CoveyManifest} or {@code ChildLaunchSettings} bean of the application's own replaces
 * the auto-configured one.
 */
@AutoConfiguration
@EnableConfigurationProperties(CoveyWorkerProperties.class)
public final class CoveyWorkerAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(CoveyWorkerAutoConfiguration.class.getName());

    @Bean
    @ConditionalOnMissingBean
    ChildLaunchSettings coveyChildLaunchSettings(CoveyWorkerProperties properties) {
        return properties.toLaunchSettings();
    }

    @Bean
    @ConditionalOnMissingBean
    CoveyManifest coveyManifest(CoveyWorkerProperties properties, BeanFactory beanFactory, Environment environment,
            ResourceLoader resourceLoader, ObjectProvider<CoveyManifestCustomizer> customizers) {
        CoveyManifest.Builder builder = CoveyManifest.builder();
        List<String> packages = scanPackages(properties, beanFactory);
        WorkerTypeScanner.Scan scan = new WorkerTypeScanner(environment, resourceLoader).scan(packages);
        scan.workerClasses().forEach(builder::add);
        for (UnavailableWorkerType broken : scan.unavailable()) {
            LOG.log(System.Logger.Level.WARNING, "worker type '" + broken.name() + "' is unavailable: " + broken.reason()
                    + "; declaring it is refused, the other types work");
            builder.unavailable(broken);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static List<String> scanPackages(CoveyWorkerProperties properties, BeanFactory beanFactory) {
        if (!properties.getScanPackages().isEmpty()) {
            return properties.getScanPackages();
        }
        // Without @SpringBootApplication/@EnableAutoConfiguration (e.g. a bare test context)
        // there are no such packages, and only customizers contribute.
        return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
    }
}

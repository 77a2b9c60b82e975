package org.chorus.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables each service's application-production.yml requires from the deployment: every {@code ${NAME}}
 * placeholder without a default, read from the source tree.
 */
final class ProductionProfiles {

    /** Deployment (and compose service) name to module. */
    static final Map<String, String> MODULES = Map.of("gateway", "gateway", "stories", "stories-service",
            "resources", "resources-service", "notifications", "notifications-service");

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private ProductionProfiles() {
    }

    /** Each service's R2DBC pool size under the production profile (spring.r2dbc.pool.max-size), where it has one. */
    static Map<String, Integer> poolSizes() throws IOException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (var e : MODULES.entrySet()) {
            var yaml = Overlays.YAML.readTree(Files.readString(Overlays.K8S.resolve("../..").normalize()
                    .resolve(e.getValue()).resolve("src/main/resources/application-production.yml")));
            var size = yaml.path("spring").path("r2dbc").path("pool").path("max-size");
            if (size.isInt()) {
                sizes.put(e.getKey(), size.asInt());
            }
        }
        return sizes;
    }

    static Map<String, Set<String>> required() throws IOException {
        Map<String, Set<String>> required = new LinkedHashMap<>();
        for (var e : MODULES.entrySet()) {
            required.put(e.getKey(), required(Files.readString(Overlays.K8S.resolve("../..").normalize()
                    .resolve(e.getValue()).resolve("src/main/resources/application-production.yml"))));
        }
        return required;
    }

    static Set<String> required(String yaml) {
        Set<String> names = new TreeSet<>();
        // comments may speak of ${...} without asking for anything
        Matcher m = REQUIRED.matcher(yaml.replaceAll("(?m)(^|\\s)#.*$", ""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Path compose(String file) {
        return Overlays.K8S.resolve("../compose").resolve(file).normalize();
    }
}

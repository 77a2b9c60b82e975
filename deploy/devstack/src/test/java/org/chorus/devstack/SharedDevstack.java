package org.chorus.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chorus.testsupport.LogFile;

/**
 * One platform per test JVM, shared by every end-to-end class: starting it is the slowest thing the suite does.
 * {@link WalkingSkeletonIT} runs last (see junit-platform.properties), stops it, and checks what it left behind;
 * a shutdown hook stops it when that class was not run.
 */
final class SharedDevstack {

    static final Path HOME = Path.of("target", "devstack-it");
    static final Path LOGS = HOME.resolve("logs");

    /** Everything a test sent as a member of the public that must never reach a log line. */
    static final List<String> PERSONAL = new CopyOnWriteArrayList<>();

    private static Devstack devstack;

    private SharedDevstack() {
    }

    static synchronized Devstack get() {
        if (devstack == null) {
            // campaign mail at a walking pace, each mail entered in the ledger as it goes: a browser can then watch a
            // campaign's progress bar move (StaffToolsIT); no other end-to-end test sends a campaign
            appendOnce("notifications", "--chorus.campaigns.rate-per-second=2 --chorus.campaigns.send-chunk=1");
            // every browser test signs staff in from 127.0.0.1: at the pace a quiet machine runs them, more than the
            // ten sign-in steps a minute one address may take (a start and a return each), and one was refused with
            // 429 (SignInLimitsIT tests that limit in the gateway's own tests)
            appendOnce("gateway", "--chorus.rate-limit.sign-in-per-window=1000");
            // observed as production is (actuator on management ports, traces exported, Prometheus when installed)
            devstack = Devstack.start(DevstackPorts.free(), HOME, true, 1, true,
                    name -> new LogFile(LOGS.resolve(name + ".log")));
            Runtime.getRuntime().addShutdownHook(new Thread(SharedDevstack::stop, "shared-devstack-stop"));
        }
        return devstack;
    }

    /**
     * Adds settings to a service's {@code -Dchorus.devstack.args.<service>} once, even when an earlier start failed:
     * a setting given twice binds as both values ("2,2").
     */
    private static void appendOnce(String service, String settings) {
        String property = "chorus.devstack.args." + service;
        String given = System.getProperty(property, "");
        String setting = settings.substring(0, settings.indexOf('='));
        if (!given.contains(setting)) {
            System.setProperty(property, (given + " " + settings).trim());
        }
    }

    static synchronized void stop() {
        if (devstack != null) {
            devstack.close();
            devstack = null;
        }
    }
}

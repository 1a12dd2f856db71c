package cn.tj.specialfund.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the figures came from. */
final class Machine {

    static Map<String, Object> describe(Database db) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", cpuModel());
        m.put("memory", memory());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try {
            m.put("postgres", db.scalar("SELECT version()"));
            m.put("postgresSettings", db.scalar("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) "
                    + "FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', "
                    + "'wal_sync_method', 'max_connections', 'commit_delay', 'autovacuum')"));
        } catch (Exception e) {
            m.put("postgres", "unknown: " + e.getMessage());
        }
        return m;
    }

    /** /proc/loadavg's three averages: the machine is shared, and how busy it was is part of every figure. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB")
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

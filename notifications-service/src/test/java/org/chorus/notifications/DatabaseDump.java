package org.chorus.notifications;

import java.util.HexFormat;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Every row of every table of the service's database as text (bytea as hex), the way a stolen dump would read.
 * Tests search it for what must not be there.
 */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    public static String of(DatabaseClient db) {
        List<String> tables = db.sql("""
                        select table_name as name from information_schema.tables
                        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name""")
                .map(row -> row.get("name", String.class)).all().collectList().block();
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            dump.append("== ").append(table).append('\n');
            db.sql("select t::text as line from \"" + table + "\" t")
                    .map(row -> row.get("line", String.class)).all()
                    .toStream().forEach(line -> dump.append(line).append('\n'));
        }
        return dump.toString().toLowerCase();
    }

    /** How a bytea value appears in {@link #of}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

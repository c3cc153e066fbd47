package io.rita.aggregate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one logger writes (System.Logger goes to java.util.logging here), for a test's try block. */
public final class LogRecords extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level before;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogRecords(Logger logger) {
        this.logger = logger;
        this.before = logger.getLevel();
    }

    public static LogRecords of(String name) {
        LogRecords records = new LogRecords(Logger.getLogger(name));
        records.logger.setLevel(Level.INFO); // DEBUG (FINE) lines, such as "no snapshot", are not counted
        records.logger.addHandler(records);
        return records;
    }

    /** The messages written so far, formatted. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            Object[] parameters = record.getParameters();
            messages.add(parameters == null ? record.getMessage()
                    : java.text.MessageFormat.format(record.getMessage(), parameters));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}

package io.pullsecretinjector.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every log record (any level) on the root logger for the duration of a test class, formatted with its
 * parameters. Use as {@code @RegisterExtension static final LogCapture logs = new LogCapture();}.
 */
public final class LogCapture extends Handler implements BeforeAllCallback, AfterAllCallback {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        setLevel(Level.ALL);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Logger.getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    public List<LogRecord> records() {
        return records;
    }

    /** Message with parameters applied, plus the thrown exception's messages: everything a log line could show. */
    public static String text(LogRecord record) {
        String message = record.getMessage() == null ? "" : record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                message = message.replace("{" + i + "}", String.valueOf(parameters[i]));
            }
            message += " " + java.util.Arrays.toString(parameters);
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            message += " " + t;
        }
        return record.getLoggerName() + " " + record.getLevel() + " " + message;
    }

    public String all() {
        StringBuilder text = new StringBuilder();
        records.forEach(r -> text.append(text(r)).append('\n'));
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

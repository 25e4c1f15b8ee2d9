package com.forecap.adapter.out.mysql;

import java.sql.SQLException;

/** A MySQL failure explained in one line a user can act on; never contains a password or SQL. */
public final class MySqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** MySQL error: access denied for user. */
    static final int ACCESS_DENIED = 1045;
    /** MySQL error: unknown database. */
    static final int UNKNOWN_DATABASE = 1049;
    /** MySQL error: table does not exist. */
    static final int NO_SUCH_TABLE = 1146;
    /** MySQL error: LOAD DATA LOCAL refused by the server. */
    private static final int LOCAL_INFILE_DISABLED = 1148;
    private static final int LOCAL_INFILE_DISABLED_8 = 3948;

    private MySqlException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A refusal that is not a server error.
     *
     * @param message the explanation
     * @return the exception
     */
    static MySqlException of(String message) {
        return new MySqlException(message, null);
    }

    /**
     * Explains a failure.
     *
     * @param settings  the server and user involved
     * @param operation what was being done, e.g. {@code connect}
     * @param failure   what went wrong
     * @return the explained exception
     */
    public static MySqlException explain(MySqlSettings settings, String operation, Throwable failure) {
        if (failure instanceof MySqlException explained) {
            return explained;
        }
        SQLException sql = sqlCause(failure);
        String message;
        if (sql == null) {
            message = "MySQL " + operation + " failed at " + settings.server() + ": " + rootMessage(failure);
        } else if (sql.getErrorCode() == ACCESS_DENIED || "28000".equals(sql.getSQLState())) {
            message = "MySQL at " + settings.server() + " refused user '" + settings.user()
                    + "' (access denied): check MYSQL_USER and MYSQL_PASSWORD";
        } else if (sql.getErrorCode() == UNKNOWN_DATABASE) {
            message = "database '" + settings.database() + "' does not exist on " + settings.server()
                    + ": run `forecap migrate` to create it, or set MYSQL_DATABASE";
        } else if (sql.getErrorCode() == NO_SUCH_TABLE) {
            message = "table user_recap_data does not exist in database '" + settings.database()
                    + "': run `forecap migrate` first";
        } else if (sql.getErrorCode() == LOCAL_INFILE_DISABLED || sql.getErrorCode() == LOCAL_INFILE_DISABLED_8) {
            message = "MySQL at " + settings.server() + " refuses LOAD DATA LOCAL: enable local_infile on the server";
        } else if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            message = "cannot reach MySQL at " + settings.server() + ": " + rootMessage(sql);
        } else {
            message = "MySQL " + operation + " failed at " + settings.server() + ": " + firstLine(sql.getMessage());
        }
        return new MySqlException(message, failure);
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return firstLine(text);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

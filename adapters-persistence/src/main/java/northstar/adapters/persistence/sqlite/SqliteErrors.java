package northstar.adapters.persistence.sqlite;

import java.sql.SQLException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** The one place where SQLite failures become portable errors. */
final class SqliteErrors {
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int NOMEM = 7;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;

    private SqliteErrors() {
    }

    static StoreException translate(String operation, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return switch (primary) {
            case BUSY, LOCKED -> new StoreException(ErrorCode.UNAVAILABLE, "sqlite",
                    operation + ": database is busy", true, e);
            case NOMEM, READONLY, IOERR, FULL, CANTOPEN -> new StoreException(ErrorCode.UNAVAILABLE, "sqlite",
                    operation + ": database cannot be written (" + primary + ")", false, e);
            default -> new StoreException(ErrorCode.INTERNAL, "sqlite", operation + " failed", false, e);
        };
    }
}

package northstar.adapters.persistence.sqlite;

import java.sql.SQLException;

/** Work done on a connection inside a read or a write transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(SqlConnection connection) throws SQLException;
}

package northstar.adapters.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A filter over a request body whose one-byte read goes through its array read, so a subclass checks one place. */
abstract class BodyFilter extends FilterInputStream {
    BodyFilter(InputStream body) {
        super(body);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
}

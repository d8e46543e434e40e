package northstar.adapters.blob.gcs;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.BaseServiceException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import northstar.domain.StoreException;

/**
 * The object a resumable upload's channel committed, with its generation and CRC32C: what
 * Storage.createFrom returns, for an upload this adapter finishes only when the body is whole.
 *
 * <p>The channel Storage.writer returns resolves that object on close, through getObject() of its
 * (package-private) interface StorageWriteChannel; createFrom uses the same. It is reached here by
 * reflection because no public call names the generation an upload created, and reading the
 * object back by name could return another put's generation. The method is looked up when this
 * class loads, so an SDK that no longer has it fails the first large put of every test of this
 * adapter, not a request in production after an upgrade that no test ran.
 */
final class UploadResult {
    private static final Method GET_OBJECT = find();

    private UploadResult() {
    }

    private static Method find() {
        try {
            Method m = Class.forName("com.google.cloud.storage.StorageWriteChannel", false,
                    BlobInfo.class.getClassLoader()).getMethod("getObject");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this google-cloud-storage has no StorageWriteChannel.getObject()", e);
        }
    }

    /** The future object of an upload through the channel Storage.writer returned; resolved when it closes. */
    @SuppressWarnings("unchecked")
    static Future<BlobInfo> of(WriteChannel writer) {
        try {
            return (Future<BlobInfo>) GET_OBJECT.invoke(writer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("StorageWriteChannel.getObject() is not accessible", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The committed object, once the closed channel has resolved it (within the call's deadline). */
    static BlobInfo await(Future<BlobInfo> result, Duration deadline, String operation) {
        try {
            return result.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BaseServiceException b) {
                throw b;
            }
            throw StoreException.unavailable(GcsObjectStore.TYPE, operation + ": the upload did not finish", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.unavailable(GcsObjectStore.TYPE, operation + ": interrupted", e);
        } catch (TimeoutException e) {
            throw StoreException.unavailable(GcsObjectStore.TYPE, operation + ": no object within " + deadline.toMillis() + " ms", e);
        }
    }
}

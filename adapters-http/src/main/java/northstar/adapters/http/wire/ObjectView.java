package northstar.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import northstar.domain.objects.ObjectInfo;

/** An object's metadata as the API answers it; after a put through the API, also its object URI. */
public record ObjectView(String key, long size, String contentType, String sha256, String lastModified,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String objectRef) {
    public static ObjectView of(ObjectInfo i) {
        return of(i, null);
    }

    public static ObjectView of(ObjectInfo i, String objectRef) {
        return new ObjectView(i.key().value(), i.size(), i.contentType(), i.sha256(), i.lastModified().toString(),
                objectRef);
    }
}

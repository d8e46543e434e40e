package northstar.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import northstar.domain.StoreException;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.GateRejected;

/**
 * One item of a batch's answer, in one shape: index, state (stored, pending or rejected) and the
 * status its own request would have had; a receipt's fields, or a refusal's code, detail, field and,
 * for an event a gate refused and kept, its id and the gate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItem(int index, String state, int httpStatus, String status, String analyticsId, Boolean replayed,
                        String validatedBy, String code, String detail, String field, String gate) {

    public static BatchItem stored(int index, Receipt r) {
        return new BatchItem(index, r.state(), r.httpStatus(), r.status(), r.analyticsId(), r.replayed(),
                r.validatedBy(), null, null, null, null);
    }

    /** A refused item; httpStatus is what the refusal answers as a request of its own. */
    public static BatchItem refused(int index, StoreException e, int httpStatus) {
        GateRejected gate = e instanceof GateRejected g ? g : null;
        return new BatchItem(index, gate != null ? "stored" : "rejected", httpStatus,
                gate != null ? EventStatus.GATECHAINERROR.wireName() : null, gate != null ? gate.analyticsId() : null,
                null, null, e.code().name(), e.getMessage(),
                e instanceof StoreException.InvalidArgument invalid ? invalid.field() : null,
                gate != null ? gate.gate() : null);
    }
}

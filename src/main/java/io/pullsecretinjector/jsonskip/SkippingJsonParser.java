package io.pullsecretinjector.jsonskip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

import java.io.IOException;

/**
 * Jackson's UTF-8 parser over an in-memory document whose {@link #skipChildren()} jumps over the skipped array or
 * object with {@link JsonSkipper} instead of tokenizing it. After the jump the parser is in the state Jackson's own
 * skip leaves it in: the closing token is current and the parent context is restored.
 */
final class SkippingJsonParser extends UTF8StreamJsonParser {

    private final JsonSkipper.Limits limits;

    SkippingJsonParser(IOContext context, int features, ObjectCodec codec, ByteQuadsCanonicalizer names,
                       byte[] document, int start, int end) {
        super(context, features, null, codec, names, document, start, end, false);
        StreamReadConstraints constraints = context.streamReadConstraints();
        this.limits = new JsonSkipper.Limits(constraints.getMaxNestingDepth(), constraints.getMaxNumberLength(),
                constraints.getMaxNameLength());
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        boolean object = _currToken == JsonToken.START_OBJECT;
        if (!object && _currToken != JsonToken.START_ARRAY) {
            return this;
        }
        try {
            _inputPtr = JsonSkipper.skipContainer(_inputBuffer, _inputPtr, _inputEnd, object,
                    _parsingContext.getNestingDepth(), limits);
        } catch (JsonSkipper.MalformedJson e) {
            // The whole document is in memory, so the end of the buffer is the end of the input.
            _inputPtr = _inputEnd;
            _reportError(e.getMessage());
        }
        _parsingContext = _parsingContext.clearAndGetParent();
        _currToken = object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
        return this;
    }
}
